/** How the viewer shows the frame: preview mode, onion skin, the A/B wipe, zoom and pan. */
import type { StateCreator } from 'zustand';
import type { PlaybackResolution } from '../../shared/common/proxy-size';
import type { PreviewMode } from '../viewer/previewMode';
import { actualPixelsView, fitView, IDENTITY_VIEW, type Point, type Size, type ViewTransform } from '../viewer/viewTransform';
import type { EditorState } from './store';

export interface ViewSlice {
  previewMode: PreviewMode;
  onion: boolean;
  /** Compare mode: where the wipe between A (mask) and B (matte) sits, 0..1 of the width. */
  compareSplit: number;
  /** null: fitted to the viewport, and refitted when it changes, until the editor zooms or pans. */
  userView: ViewTransform | null;
  viewport: Size;
  /** The image pixel under the pointer, for the status bar. */
  hover: Point | null;
  /** How sharp frames are while playing; half by default, as it keeps the clip's rate on a small machine. */
  playbackResolution: PlaybackResolution;
  setPreviewMode: (mode: PreviewMode) => void;
  setOnion: (on: boolean) => void;
  setCompareSplit: (split: number) => void;
  setView: (view: ViewTransform) => void;
  setViewport: (size: Size) => void;
  setHover: (image: Point | null) => void;
  setPlaybackResolution: (resolution: PlaybackResolution) => void;
  fit: () => void;
  actualPixels: () => void;
}

/** The view transform in effect: the editor's own, else the clip fitted to the viewport. */
export function currentView(s: Pick<EditorState, 'userView' | 'imageSize' | 'viewport'>): ViewTransform {
  return s.userView ?? (s.imageSize && s.viewport.width > 0 ? fitView(s.imageSize, s.viewport) : IDENTITY_VIEW);
}

export const viewSlice: StateCreator<EditorState, [], [], ViewSlice> = (set, get) => ({
  previewMode: 'overlay',
  onion: false,
  compareSplit: 0.5,
  userView: null,
  viewport: { width: 0, height: 0 },
  hover: null,
  playbackResolution: 'half',
  setPreviewMode: (previewMode) => set({ previewMode }),
  setOnion: (onion) => set({ onion }),
  setCompareSplit: (compareSplit) => set({ compareSplit }),
  setView: (userView) => set({ userView }),
  setViewport: (viewport) => set({ viewport }),
  // The browser sends pointer moves in place when what is under the pointer repaints (every frame of playback): only a move is a hover.
  setHover: (hover) => {
    const was = get().hover;
    if (hover?.x !== was?.x || hover?.y !== was?.y) set({ hover });
  },
  setPlaybackResolution: (playbackResolution) => set({ playbackResolution }),
  fit: () => set({ userView: null }),
  actualPixels: () => set({ userView: actualPixelsView(currentView(get()), get().viewport) }),
});
