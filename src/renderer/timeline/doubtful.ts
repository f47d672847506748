/** The drift strip's reading of FrameStats: colours, and where the next-doubtful keys go. */
import type { DriftReason, FrameStat } from '../../shared/api';

const REASONS: Record<DriftReason, string> = {
  lost: 'object lost',
  score: 'low confidence',
  presence: 'object may be absent',
  'presence-drop': 'presence fell',
  area: 'area jumped',
  position: 'position jumped',
  shape: 'shape changed beyond its motion: a leak or another object',
  detached: 'a piece of the mask lies apart from the object: a leak left behind',
  pointer: 'identity changed (object pointer)',
};

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)} %`;

/** A strip cell's tooltip: the frame's state, its doubt and which sign gave it. */
export function cellTitle(s: FrameStat): string {
  const state = !s.present ? 'object lost' : `score ${s.score.toFixed(2)}, area ${percent(s.area)}`;
  const why = s.reason && s.present ? ` (${REASONS[s.reason]})` : '';
  return `Frame ${s.frame}${s.source === 'prompt' ? ' (keyframe)' : ''}: ${state}, doubt ${s.doubt.toFixed(2)}${why}${s.drifted ? ' — likely drifted' : ''}`;
}

/** Green (sure) through yellow to red (surely drifted). */
export function doubtColour(doubt: number): string {
  const d = Math.min(1, Math.max(0, doubt));
  return `hsl(${Math.round(120 * (1 - d))} 75% 45%)`;
}

/**
 * First frames of runs of drifted frames: one stop per run, since a correction on a run's first
 * frame is re-propagated through the rest of it.
 */
export function doubtfulStops(stats: readonly FrameStat[]): number[] {
  const drifted = new Set(stats.filter((s) => s.drifted).map((s) => s.frame));
  return [...drifted].filter((f) => !drifted.has(f - 1)).sort((a, b) => a - b);
}

/** The nearest stop after (step 1) or before (step -1) the frame; null when there is none. */
export function nextDoubtful(stats: readonly FrameStat[], frame: number, step: 1 | -1): number | null {
  const stops = doubtfulStops(stats);
  const found = step > 0 ? stops.find((f) => f > frame) : stops.findLast((f) => f < frame);
  return found ?? null;
}
