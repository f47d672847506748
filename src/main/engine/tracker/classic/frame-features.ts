/** What the classic tracker computes once per frame at its working resolution. */
import { resizeRgbaArea } from '../../../../shared/common/resize';
import type { RgbaImage } from '../../../../shared/media';

/** Colour bins per channel: 16³ bins are coarse enough to fill from one frame, fine enough to separate. */
export const BINS_PER_CHANNEL = 16;
export const BIN_COUNT = BINS_PER_CHANNEL ** 3;
const BIN_SHIFT = 8 - Math.log2(BINS_PER_CHANNEL);
/** Coarser bins for the local classifiers, which learn from a few hundred pixels each. */
const COARSE_PER_CHANNEL = 8;
export const COARSE_BIN_COUNT = COARSE_PER_CHANNEL ** 3;
const COARSE_SHIFT = 8 - Math.log2(COARSE_PER_CHANNEL);

export interface FrameFeatures {
  width: number;
  height: number;
  /** RGB colour bin of each pixel. */
  bins: Uint16Array;
  /** Coarse colour bin of each pixel. */
  coarseBins: Uint16Array;
}

export function frameFeatures(frame: RgbaImage, width: number, height: number): FrameFeatures {
  const small = frame.width === width && frame.height === height ? frame : resizeRgbaArea(frame, width, height);
  const n = width * height;
  const bins = new Uint16Array(n);
  const coarseBins = new Uint16Array(n);
  const d = small.data;
  for (let i = 0, p = 0; i < n; i++, p += 4) {
    const r = d[p],
      g = d[p + 1],
      b = d[p + 2];
    bins[i] = ((r >> BIN_SHIFT) * BINS_PER_CHANNEL + (g >> BIN_SHIFT)) * BINS_PER_CHANNEL + (b >> BIN_SHIFT);
    coarseBins[i] = ((r >> COARSE_SHIFT) * COARSE_PER_CHANNEL + (g >> COARSE_SHIFT)) * COARSE_PER_CHANNEL + (b >> COARSE_SHIFT);
  }
  return { width, height, bins, coarseBins };
}
