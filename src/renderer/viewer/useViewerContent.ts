import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { FrameMask, Matte, StudioApi } from '../../shared/api';
import type { MattingQuality } from '../../shared/engine';
import type { GrayImage, RgbaImage } from '../../shared/media';
import type { ObjectId } from '../../shared/prompts';
import { LruCache } from '../../shared/common/lru-cache';
import { PrefetchCache } from '../async/prefetchCache';
import { useLatest } from '../async/useLatest';
import { drawnVersion, type MaskVersions } from '../editor/maskVersions';
import { needsMasks, needsMatte, type PreviewMode } from './previewMode';

/** A frame and what the preview mode lays on it, loaded together so they never disagree. */
export interface ViewerContent {
  /** Everything the content depends on: the same key, the same content (once complete). */
  key: string;
  /** Every shown object has its mask (or matte) here: nothing will arrive later under the same key. */
  complete: boolean;
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
  /** Versions of the masks per object and frame (editor store): a content is keyed by those it draws. */
  maskVersions: MaskVersions;
  /** What mattes and trimaps depend on beyond their masks (head, matte controls). */
  mattes: number;
  quality: MattingQuality;
  onion: boolean;
  /** Playing: in the overlay mode frames then come only through `ahead`, in order (see below). */
  playing: boolean;
  /** Frames to load in the background, in order (during playback the frame due and the next ones). */
  ahead: readonly number[];
  /** Width of the frames to load: a proxy as wide as the frame is shown (proxy-size.ts). */
  width: number;
  /** Another width whose cached content of the frame shows until the frame at `width` has loaded (the one played). */
  standInWidth?: number;
}

/** Frames, and frames with what is laid on them, kept while scrubbing and playing. */
const IMAGE_BYTES = 512 * 1024 * 1024;
const CONTENT_BYTES = 384 * 1024 * 1024;
/** Background loads at once: one decoding in the host while the previous one travels. */
const PREFETCH_CONCURRENCY = 4;

const contentBytes = (c: ViewerContent) =>
  c.image.data.byteLength + [...c.masks, ...c.previous].reduce((sum, m) => sum + m.mask.data.byteLength, 0) + (c.matte?.data.byteLength ?? 0) + (c.trimap?.data.byteLength ?? 0);

/**
 * Whether every shown object has what the mode lays on the frame. Other contents are shown but loaded
 * again when asked for: a frame the tracker has not reached yet gets its masks during a propagation
 * (each frame event moves that frame's mask version; a load may still race it).
 */
export function isComplete(c: Pick<ViewerContent, 'index' | 'mode' | 'masks' | 'matte' | 'trimap' | 'previous'>, objectCount: number, onion: boolean): boolean {
  const masks = !needsMasks(c.mode) || c.masks.length === objectCount;
  const previous = !onion || c.index === 0 || c.previous.length === objectCount;
  return masks && previous && (!needsMatte(c.mode) || c.matte !== null) && (c.mode !== 'trimap' || c.trimap !== null);
}

/**
 * Playing: the newest content arrived among the frame due (ahead[0]) and those before it, back over twice
 * as many frames as are loaded ahead (loads in flight lag that far behind the clock on a busy machine);
 * frames that came too late are dropped, and never one older than the one shown.
 */
export function newestArrived<C extends { index: number }>(shown: C | undefined, ahead: readonly number[], cached: (frame: number) => C | undefined): C | undefined {
  const [due, next] = ahead;
  const direction = next === undefined ? 1 : Math.sign(next - due);
  for (let k = 0; k < 2 * ahead.length; k++) {
    const frame = due - k * direction;
    if (shown && (frame - shown.index) * direction <= 0) break;
    const c = cached(frame);
    if (c) return c;
  }
  return shown;
}

export function useViewerContent(api: StudioApi, request: ContentRequest, onError: (error: unknown) => void) {
  const { mediaId, index, mode, objectIds, maskVersions, mattes, quality, onion, playing, ahead, width, standInWidth } = request;
  // One store per clip. Frames never change; contents are keyed by everything that changes them.
  const store = useMemo(
    () => ({
      images: new PrefetchCache(new LruCache<string, RgbaImage>(IMAGE_BYTES, (image) => image.data.byteLength), PREFETCH_CONCURRENCY),
      contents: new PrefetchCache(new LruCache<string, ViewerContent>(CONTENT_BYTES, contentBytes), PREFETCH_CONCURRENCY, (c) => c.complete),
    }),
    [mediaId],
  );
  const imageKey = (f: number) => `${width}:${f}`;
  const loadImage = (f: number) => () => api.getFrame(mediaId!, f, width);
  // A change on another frame leaves this one's key, and its cached content, as they were.
  const versionOf = (f: number) => drawnVersion(maskVersions, objectIds, onion && f > 0 ? [f - 1, f] : [f]) + (needsMatte(mode) || mode === 'trimap' ? `+${mattes}` : '');
  const keyAt = (f: number, w: number) => `${mediaId}:${w}:${f}:${mode}:${objectIds.join(',')}:${versionOf(f)}:${quality}:${onion}`;
  const keyOf = (f: number) => keyAt(f, width);

  const loadContent = (f: number) => async (): Promise<ViewerContent> => {
    const id = mediaId!;
    const masksOn = async (g: number) => (await Promise.all(objectIds.map((o) => api.getMask(id, o, g)))).filter((m): m is FrameMask => m !== null);
    // Without a matte or trimap the frame still shows; the failure goes to the banner.
    const shown = <T>(load: () => Promise<T>) => (objectIds.length === 0 ? null : load().catch((error: unknown) => (onError(error), null)));
    const [image, masks, matte, trimap, previous] = await Promise.all([
      store.images.load(imageKey(f), loadImage(f)),
      needsMasks(mode) ? masksOn(f) : [],
      needsMatte(mode) ? shown(() => api.getMatte(id, f, [...objectIds], quality)) : null,
      mode === 'trimap' ? shown(() => api.getTrimap(id, f, [...objectIds])) : null,
      onion && f > 0 ? masksOn(f - 1) : [],
    ]);
    const content = { mediaId: id, index: f, mode, image, masks, matte, trimap, previous };
    return { ...content, key: keyOf(f), complete: isComplete(content, objectIds.length, onion) };
  };

  const key = mediaId === null ? null : keyOf(index);
  // Playing the overlay, the frame due is never asked for on its own: it comes in order through the
  // prefetch or is dropped, since asking for a frame the decoder has passed would send it back to a keyframe.
  const inOrder = playing && mode === 'overlay';
  const lastShown = useRef<ViewerContent | undefined>(undefined);
  const [loaded, setLoaded] = useLatest<ViewerContent>(inOrder ? (lastShown.current?.key ?? key) : key, () => store.contents.load(key!, loadContent(index)), onError);

  // Ahead of playback: whole contents in the overlay mode (frame and masks); mattes take seconds, so only their frames.
  const aheadKey = ahead.join(',');
  useEffect(() => {
    if (mediaId === null) return;
    if (mode === 'overlay') store.contents.prefetch(ahead.map((f) => ({ key: keyOf(f), load: loadContent(f) })));
    else store.images.prefetch(ahead.map((f) => ({ key: imageKey(f), load: loadImage(f) })));
    // The frames and the content key decide what to load; the closures follow them.
  }, [aheadKey, key, store]);

  /** Shows a mask setPrompts just returned, before the reload that follows. */
  const showMask = useCallback(
    (mask: FrameMask) =>
      setLoaded((prev) =>
        prev && prev.index === mask.frame && needsMasks(prev.mode) ? { ...prev, masks: [...prev.masks.filter((m) => m.objectId !== mask.objectId), mask] } : prev,
      ),
    [setLoaded],
  );

  // A cached content shows in the same render that asks for it; a patched one (showMask) wins over its cached original.
  const standIn = () => (standInWidth === undefined || standInWidth === width ? undefined : store.contents.get(keyAt(index, standInWidth)));
  const cachedOrLoaded = () => (loaded?.key === key ? loaded : (store.contents.get(key!) ?? standIn() ?? loaded));
  const content = key === null ? undefined : inOrder ? newestArrived(lastShown.current, ahead, (f) => store.contents.get(keyOf(f))) : cachedOrLoaded();
  lastShown.current = content;
  return { content: content?.mediaId === mediaId ? content : undefined, showMask };
}
