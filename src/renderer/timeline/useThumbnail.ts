import { useEffect, useRef, useState } from 'react';
import type { StudioApi } from '../../shared/api';
import type { RgbaImage } from '../../shared/media';
import { LruCache } from '../../shared/common/lru-cache';
import { LatestRunner } from '../async/latestRunner';

/** Width the host scales thumbnails to; the clip's aspect ratio is kept. */
export const THUMBNAIL_WIDTH = 160;
/** About 120 thumbnails of 16:9 footage: a few passes over a shot scrub from memory. */
const THUMBNAIL_CACHE_BYTES = 8 << 20;

const newCache = () => new LruCache<number, RgbaImage>(THUMBNAIL_CACHE_BYTES, (image) => image.data.byteLength);

export interface Thumbnail {
  frame: number;
  image: RgbaImage;
}

/**
 * The thumbnail of the frame under the pointer (null: none wanted). While one loads, the last one
 * stays up; its frame says which it is. Only the newest wanted frame is loaded next.
 */
export function useThumbnail(api: StudioApi, mediaId: string | null, frame: number | null, onError: (error: unknown) => void): Thumbnail | null {
  const [shown, setShown] = useState<Thumbnail | null>(null);
  const cache = useRef(newCache());
  const runner = useRef<LatestRunner<Thumbnail> | null>(null);
  const reportError = useRef(onError);
  useEffect(() => {
    reportError.current = onError;
  });

  useEffect(() => {
    cache.current = newCache();
    setShown(null);
    const r = new LatestRunner<Thumbnail>(setShown, (e) => reportError.current(e));
    runner.current = r;
    return () => r.dispose();
  }, [mediaId]);

  useEffect(() => {
    if (mediaId === null || frame === null) return;
    const cached = cache.current.get(frame);
    if (cached) return setShown({ frame, image: cached });
    const into = cache.current;
    runner.current?.request(async () => {
      const image = await api.getFrame(mediaId, frame, THUMBNAIL_WIDTH);
      into.set(frame, image);
      return { frame, image };
    });
  }, [api, mediaId, frame]);

  return frame === null ? null : shown;
}
