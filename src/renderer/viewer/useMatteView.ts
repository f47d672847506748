import { useState } from 'react';
import type { PreviewMode } from './previewMode';

/** How the viewer shows results: the preview mode, onion skin, and the A/B wipe position. */
export function useMatteView() {
  const [mode, setMode] = useState<PreviewMode>('overlay');
  const [onion, setOnion] = useState(false);
  const [split, setSplit] = useState(0.5);
  return { mode, setMode, onion, setOnion, split, setSplit };
}
