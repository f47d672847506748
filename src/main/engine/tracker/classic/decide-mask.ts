/** From per-pixel log-odds to a probability mask (spatial smoothing stands in for a pairwise term), and its area. */
import { boxMean } from '../../../imaging/box-filter';

const SMOOTH_RADIUS = 1;

/** Two box passes (a tent) over the log-odds, then the logistic, 0..255 with 128 at even odds. */
export function scoreToProbability(score: Float32Array, width: number, height: number): Uint8Array {
  const smoothed = boxMean(boxMean(score, width, height, SMOOTH_RADIUS), width, height, SMOOTH_RADIUS);
  const out = new Uint8Array(score.length);
  for (let i = 0; i < out.length; i++) out[i] = Math.round(255 / (1 + Math.exp(-smoothed[i])));
  return out;
}

/** Pixels at or above the decision boundary. */
export function maskArea(mask: Uint8Array, threshold = 128): number {
  let n = 0;
  for (let i = 0; i < mask.length; i++) if (mask[i] >= threshold) n++;
  return n;
}

/** Holes up to this fraction of the object are filled: a textured object has patches of background colour. */
export const MAX_HOLE = 0.2;
