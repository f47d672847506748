/**
 * Foreground/background colour histograms and the per-bin log-likelihood ratio they imply,
 * the appearance term of the classic tracker (GrabCut's colour model, with histograms for speed).
 */
import { BIN_COUNT, BINS_PER_CHANNEL } from './frame-features';

/** Normalised histogram of the bins of the pixels where `selected[i]` is set, smoothed over neighbouring bins. */
export function colourHistogram(bins: Uint16Array, selected: Uint8Array): Float32Array {
  const hist = new Float32Array(BIN_COUNT);
  let total = 0;
  for (let i = 0; i < bins.length; i++) {
    if (selected[i]) {
      hist[bins[i]]++;
      total++;
    }
  }
  const smooth = smoothBins(hist);
  if (total > 0) for (let b = 0; b < BIN_COUNT; b++) smooth[b] /= total;
  return smooth;
}

/** A [1 2 1] blur along each colour axis, so that colours next to seen ones are not impossible. */
function smoothBins(hist: Float32Array): Float32Array {
  const n = BINS_PER_CHANNEL;
  let src = hist;
  for (const stride of [1, n, n * n]) {
    const out = new Float32Array(BIN_COUNT);
    for (let b = 0; b < BIN_COUNT; b++) {
      const coord = Math.floor(b / stride) % n;
      let sum = 2 * src[b];
      let weights = 2;
      if (coord > 0) ((sum += src[b - stride]), weights++);
      if (coord < n - 1) ((sum += src[b + stride]), weights++);
      out[b] = sum / weights;
    }
    src = out;
  }
  return src;
}

/** Blends `next` into `current` in place: slow adaptation of an appearance model. */
export function blendHistogram(current: Float32Array, next: Float32Array, rate: number): void {
  for (let b = 0; b < BIN_COUNT; b++) current[b] += (next[b] - current[b]) * rate;
}

/** Probability floor: a colour never seen on one side is unlikely there, not impossible. */
const FLOOR = 1e-5;
const MAX_LOG_RATIO = 5;

/** log(P(colour | fg) / P(colour | bg)) per bin, clipped. */
export function logRatioTable(fg: Float32Array, bg: Float32Array): Float32Array {
  const table = new Float32Array(BIN_COUNT);
  for (let b = 0; b < BIN_COUNT; b++) {
    const v = Math.log((fg[b] + FLOOR) / (bg[b] + FLOOR));
    table[b] = Math.max(-MAX_LOG_RATIO, Math.min(MAX_LOG_RATIO, v));
  }
  return table;
}
