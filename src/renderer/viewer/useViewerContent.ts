import { useCallback, useMemo } from 'react';
import type { FrameMask, StudioApi } from '../../shared/api';
import type { GrayImage, RgbaImage } from '../../shared/media';
import type { ObjectId } from '../../shared/prompts';
import { LruCache } from '../../main/media/lru-cache';
import { useLatest } from '../async/useLatest';
import type { PreviewMode } from './previewMode';

/** A frame and what the preview mode lays on it, loaded together so they never disagree. */
export interface ViewerContent {
  mediaId: string;
  index: number;
  mode: PreviewMode;
  image: RgbaImage;
  /** Overlay mode: the masks the objects have on this frame. */
  masks: FrameMask[];
  /** Alpha and checkerboard modes: the refined matte, null when it could not be made. */
  matte: GrayImage | null;
}

export interface ContentRequest {
  mediaId: string | null;
  index: number;
  mode: PreviewMode;
  objectIds: readonly ObjectId[];
  /** Bumped whenever masks may have changed (edits, tracking). */
  revision: number;
}

/** Frames kept while scrubbing. */
const CACHE_BYTES = 512 * 1024 * 1024;

export function useViewerContent(api: StudioApi, request: ContentRequest, onError: (error: unknown) => void) {
  const { mediaId, index, mode, objectIds, revision } = request;
  // One cache per clip; frames never change, masks do, so only frames are cached.
  const cache = useMemo(() => new LruCache<number, RgbaImage>(CACHE_BYTES, (image) => image.data.byteLength), [mediaId]);

  const key = mediaId === null ? null : `${mediaId}:${index}:${mode}:${objectIds.join(',')}:${revision}`;
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
      const masks = async () =>
        mode === 'overlay' ? (await Promise.all(objectIds.map((o) => api.getMask(id, o, index)))).filter((m): m is FrameMask => m !== null) : [];
      // Without a matte the frame still shows; the failure goes to the banner.
      const matte = async () => (mode === 'overlay' ? null : api.getMatte(id, index).catch((error: unknown) => (onError(error), null)));
      const [image, frameMasks, frameMatte] = await Promise.all([frame(), masks(), matte()]);
      return { mediaId: id, index, mode, image, masks: frameMasks, matte: frameMatte };
    },
    onError,
  );

  /** Shows a mask setPrompts just returned, before the reload that follows. */
  const showMask = useCallback(
    (mask: FrameMask) =>
      setContent((prev) =>
        prev && prev.index === mask.frame && prev.mode === 'overlay'
          ? { ...prev, masks: [...prev.masks.filter((m) => m.objectId !== mask.objectId), mask] }
          : prev,
      ),
    [setContent],
  );

  return { content: content?.mediaId === mediaId ? content : undefined, showMask };
}
