/** How the viewer shows the current frame's result. */
export type PreviewMode = 'overlay' | 'alpha' | 'checkerboard' | 'trimap' | 'compare';

export const PREVIEW_MODES: ReadonlyArray<{ mode: PreviewMode; label: string }> = [
  { mode: 'overlay', label: 'Overlay (tracker masks)' },
  { mode: 'alpha', label: 'Alpha (refined matte)' },
  { mode: 'checkerboard', label: 'Matte on checkerboard' },
  { mode: 'trimap', label: 'Trimap band' },
  { mode: 'compare', label: 'A/B: mask | matte' },
];

/** Modes that need the tracker's masks, and those that need the refined matte. */
export const needsMasks = (mode: PreviewMode) => mode === 'overlay' || mode === 'compare';
export const needsMatte = (mode: PreviewMode) => mode === 'alpha' || mode === 'checkerboard' || mode === 'compare';
