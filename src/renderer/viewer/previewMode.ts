/** How the viewer shows the current frame's result. */
export type PreviewMode = 'overlay' | 'alpha' | 'checkerboard';

export const PREVIEW_MODES: ReadonlyArray<{ mode: PreviewMode; label: string }> = [
  { mode: 'overlay', label: 'Overlay' },
  { mode: 'alpha', label: 'Alpha' },
  { mode: 'checkerboard', label: 'Checkerboard' },
];
