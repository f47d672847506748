import { useCallback, useMemo } from 'react';
import type { FrameMask, Matte, StudioApi } from '../../shared/api';
import type { MattingQuality } from '../../shared/engine';
import type { GrayImage, RgbaImage } from '../../shared/media';
import type { ObjectId } from '../../shared/prompts';
import { LruCache } from '../../shared/common/lru-cache';
import { useLatest } from '../async/useLatest';
import { needsMasks, needsMatte, type PreviewMode } from './previewMode';

/** A frame and what the preview mode lays on it, loaded together so they never disagree. */
export interface ViewerContent {
  mediaId: string;
  index: number;
  mode: PreviewMode;
  image: RgbaImage;
  /** Overlay and compare modes: the masks the shown objects have on this frame. */
  masks: FrameMask[];
  /** Alpha, checkerboard and compare modes: the refined matte, null when it could not be made. */
  matte: Matte | null;
  /** Trimap mode: the bridge's band, null when it could not be made. */
  trimap: GrayImage | null;
  /** Onion skin: the shown objects' masks on the previous frame. */
  previous: FrameMask[];
}

export interface ContentRequest {
  mediaId: string | null;
  index: number;
  mode: PreviewMode;
  /** The objects drawn (hidden ones left out, or the soloed one alone). */
  objectIds: readonly ObjectId[];
  /** Bumped whenever masks may have changed (edits, tracking). */
  revision: number;
  quality: MattingQuality;
  onion: boolean;
}

/** Frames kept while scrubbing. */
const CACHE_BYTES = 512 * 1024 * 1024;

export function useViewerContent(api: StudioApi, request: ContentRequest, onError: (error: unknown) => void) {
  const { mediaId, index, mode, objectIds, revision, quality, onion } = request;
  // One cache per clip; frames never change, masks do, so only frames are cached.
  const cache = useMemo(() => new LruCache<number, RgbaImage>(CACHE_BYTES, (image) => image.data.byteLength), [mediaId]);

  const key = mediaId === null ? null : `${mediaId}:${index}:${mode}:${objectIds.join(',')}:${revision}:${quality}:${onion}`;
  const [content, setContent] = useLatest<ViewerContent>(
    key,
    async () => {
      const id = mediaId!;
      const frame = async () => {
        const hit = cache.get(index);
        if (hit) return hit;
        const image = await api.getFrame(id, index);
        cache.set(index, image);
        return image;
      };
      const masksOn = async (f: number) => (await Promise.all(objectIds.map((o) => api.getMask(id, o, f)))).filter((m): m is FrameMask => m !== null);
      // Without a matte or trimap the frame still shows; the failure goes to the banner.
      const shown = <T,>(load: () => Promise<T>) => (objectIds.length === 0 ? null : load().catch((error: unknown) => (onError(error), null)));
      const [image, masks, matte, trimap, previous] = await Promise.all([
        frame(),
        needsMasks(mode) ? masksOn(index) : [],
        needsMatte(mode) ? shown(() => api.getMatte(id, index, [...objectIds], quality)) : null,
        mode === 'trimap' ? shown(() => api.getTrimap(id, index, [...objectIds])) : null,
        onion && index > 0 ? masksOn(index - 1) : [],
      ]);
      return { mediaId: id, index, mode, image, masks, matte, trimap, previous };
    },
    onError,
  );

  /** Shows a mask setPrompts just returned, before the reload that follows. */
  const showMask = useCallback(
    (mask: FrameMask) =>
      setContent((prev) =>
        prev && prev.index === mask.frame && needsMasks(prev.mode)
          ? { ...prev, masks: [...prev.masks.filter((m) => m.objectId !== mask.objectId), mask] }
          : prev,
      ),
    [setContent],
  );

  return { content: content?.mediaId === mediaId ? content : undefined, showMask };
}
