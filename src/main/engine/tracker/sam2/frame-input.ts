/** A video frame as SAM2's image encoder takes it (spec §3): square, RGB, ImageNet-normalised, NCHW. */
import type { RgbaImage } from '../../../../shared/media';
import { resizeRgbaArea } from '../../../imaging/resize';
import { bilinearTaps } from './logit-maps';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];
/** Normalised value of each 8-bit sample, per channel. */
const NORMALISED = [0, 1, 2].map((c) => Float32Array.from({ length: 256 }, (_, v) => normalise(v, c)));

/** Value the encoder sees for an 8-bit sample of channel c (0 R, 1 G, 2 B). */
export function normalise(value: number, channel: number): number {
  return (value / 255 - MEAN[channel]) / STD[channel];
}

/** One source row resized horizontally and normalised, planar R, G, B of `size` each. */
function resizeRow(s: Uint8Array, rowStart: number, lo: Int32Array, hi: Int32Array, w: Float32Array, out: Float64Array): void {
  const size = lo.length;
  const [nr, ng, nb] = NORMALISED;
  for (let x = 0; x < size; x++) {
    // Normalising is linear, so blending normalised samples equals normalising the blend.
    const a = rowStart + lo[x];
    const b = rowStart + hi[x];
    const wx = w[x];
    out[x] = nr[s[a]] + (nr[s[b]] - nr[s[a]]) * wx;
    out[size + x] = ng[s[a + 1]] + (ng[s[b + 1]] - ng[s[a + 1]]) * wx;
    out[2 * size + x] = nb[s[a + 2]] + (nb[s[b + 2]] - nb[s[a + 2]]) * wx;
  }
}

/**
 * Resizes to size×size ignoring the aspect ratio, as SAM2's video loader does: bilinear (the spec's
 * choice), except that a frame more than twice the size is area-averaged first so it does not alias.
 * Separable, straight into the planar tensor: each source row is resized and normalised once (the two
 * rows an output row blends are kept), then output rows blend them.
 */
export function frameToModelInput(frame: RgbaImage, size: number): Float32Array {
  const source = frame.width > 2 * size || frame.height > 2 * size ? resizeRgbaArea(frame, size, size) : frame;
  const xs = bilinearTaps(source.width, size);
  const ys = bilinearTaps(source.height, size);
  // Byte offsets of the taps within a row.
  const lo = xs.lo.map((v) => 4 * v);
  const hi = xs.hi.map((v) => 4 * v);
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  let top = new Float64Array(3 * size);
  let bottom = new Float64Array(3 * size);
  let [topRow, bottomRow] = [-1, -1];
  const rowOf = (r: number, into: Float64Array) => resizeRow(source.data, r * source.width * 4, lo, hi, xs.w, into);
  for (let y = 0; y < size; y++) {
    const [r0, r1, wy] = [ys.lo[y], ys.hi[y], ys.w[y]];
    // Rows only move down, so the old bottom row is often the new top one.
    if (r0 === bottomRow) [top, bottom, topRow, bottomRow] = [bottom, top, bottomRow, -1];
    if (r0 !== topRow) rowOf((topRow = r0), top);
    if (r1 !== bottomRow) rowOf((bottomRow = r1), bottom);
    const o = y * size;
    if (wy === 0) {
      for (let c = 0; c < 3; c++) for (let x = 0; x < size; x++) out[c * plane + o + x] = top[c * size + x];
      continue;
    }
    for (let c = 0; c < 3; c++) {
      const at = c * size;
      const oc = c * plane + o;
      for (let x = 0; x < size; x++) out[oc + x] = top[at + x] + (bottom[at + x] - top[at + x]) * wy;
    }
  }
  return out;
}
