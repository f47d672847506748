/**
 * Whether a correction re-tracks the frames it influences by itself, a moment after the last prompt change
 * ('auto'), or leaves them stale until the editor propagates ('manual'). An editor's choice, kept per browser.
 */
export type RetrackMode = 'auto' | 'manual';

export const RETRACK_MODES: readonly RetrackMode[] = ['auto', 'manual'];

/** From the last prompt change to the re-track: long enough for a few quick clicks to make one job. */
export const RETRACK_DELAY_MS = 600;

const KEY = 'sam2m.retrackMode';

/** The stored mode; 'auto' when none is stored or it is not one (an older or damaged value). */
export function readRetrackMode(storage: Pick<Storage, 'getItem'>): RetrackMode {
  const stored = storage.getItem(KEY);
  return RETRACK_MODES.find((mode) => mode === stored) ?? 'auto';
}

export function writeRetrackMode(storage: Pick<Storage, 'setItem'>, mode: RetrackMode): void {
  storage.setItem(KEY, mode);
}
