import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { StudioApi } from '../../shared/api';
import { playbackWidthFor, proxyWidthFor } from '../../shared/common/proxy-size';
import type { MattingQuality } from '../../shared/engine';
import type { ObjectId } from '../../shared/prompts';
import { useEditor } from '../editor/store';
import { currentView } from '../editor/viewSlice';
import { withBandDifference } from '../matting/differenceCanvas';
import { useBandDifference } from '../matting/useBandDifference';
import { framesAhead } from '../timeline/playbackClock';
import type { Shuttle } from '../timeline/shuttle';
import { previewPicture, type OverlayOf } from './previewPicture';
import { useViewerContent } from './useViewerContent';

/** Frames loaded ahead of the playhead while playing: about a third of a second at 24-30 fps. */
const FRAMES_AHEAD = 12;
const NO_FRAMES: number[] = [];

export interface ShownObjects {
  /** The objects drawn (hidden ones left out, or the soloed one alone). */
  visibleIds: readonly ObjectId[];
  overlayOf: OverlayOf;
}

/**
 * What the viewer shows on the playhead's frame, from the editor's store (clip, frame, preview mode, zoom,
 * the versions of the masks drawn): the loaded content, its picture, and in the A/B view the band difference.
 */
export function useViewerImage(api: StudioApi, objects: ShownObjects, quality: MattingQuality, shuttle: Shuttle, onError: (error: unknown) => void) {
  const { mediaId, sourceWidth, frame, frameCount, mode, onion, scale, maskVersions, mattes, playbackResolution } = useEditor(
    useShallow((s) => ({
      mediaId: s.session?.media.mediaId ?? null,
      sourceWidth: s.imageSize?.width ?? 1,
      frame: s.frame,
      frameCount: s.frameCount,
      mode: s.previewMode,
      onion: s.onion,
      scale: currentView(s).scale,
      maskVersions: s.masks,
      mattes: s.mattes,
      playbackResolution: s.playbackResolution,
    })),
  );
  const playing = shuttle.direction !== 0;
  const shownWidth = sourceWidth * scale * window.devicePixelRatio;
  const pausedWidth = proxyWidthFor(sourceWidth, shownWidth);
  const playingWidth = playbackWidthFor(sourceWidth, shownWidth, playbackResolution);
  const { content, showMask } = useViewerContent(
    api,
    {
      mediaId,
      index: frame,
      mode,
      objectIds: objects.visibleIds,
      maskVersions,
      mattes,
      quality,
      onion,
      playing,
      ahead: playing ? [frame, ...framesAhead(frame, shuttle, frameCount, FRAMES_AHEAD)] : NO_FRAMES,
      width: playing ? playingWidth : pausedWidth,
      // Paused on a frame just played, its sharper version loads while the one played shows.
      standInWidth: playingWidth,
    },
    onError,
  );
  const difference = useBandDifference(api, content, objects.visibleIds, onError);
  const picture = useMemo(() => (content ? withBandDifference(previewPicture(content, objects.overlayOf), difference) : null), [content, objects.overlayOf, difference]);
  return { content, picture, difference, showMask };
}
