/** A video frame as SAM2's image encoder takes it (spec §3): square, RGB, ImageNet-normalised, NCHW. */
import type { RgbaImage } from '../../../../shared/media';
import { resizeRgbaArea } from '../../../imaging/resize';
import { bilinearTaps, forEachRowPair } from './logit-maps';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];
/** normalise(v, c) = v × SCALE[c] + OFFSET[c]. */
const SCALE = STD.map((std) => 1 / (255 * std));
const OFFSET = MEAN.map((mean, c) => -mean / STD[c]);
/** Value the encoder sees for an 8-bit sample of channel c (0 R, 1 G, 2 B). */
export function normalise(value: number, channel: number): number {
  return (value / 255 - MEAN[channel]) / STD[channel];
}

/** One source row resized horizontally, in 8-bit units, planar R, G, B of `size` each. */
function resizeRgbRow(s: Uint8Array, rowStart: number, lo: Int32Array, hi: Int32Array, w: Float32Array, out: Float64Array): void {
  const size = lo.length;
  for (let x = 0; x < size; x++) {
    const a = rowStart + lo[x];
    const b = rowStart + hi[x];
    const wx = w[x];
    out[x] = s[a] + (s[b] - s[a]) * wx;
    out[size + x] = s[a + 1] + (s[b + 1] - s[a + 1]) * wx;
    out[2 * size + x] = s[a + 2] + (s[b + 2] - s[a + 2]) * wx;
  }
}

/**
 * Resizes to size×size ignoring the aspect ratio, as SAM2's video loader does: bilinear (the spec's
 * choice), except that a frame more than twice the size is area-averaged first so it does not alias.
 * Separable, straight into the planar tensor: source rows resized once each, output rows blended and
 * normalised from them.
 */
export function frameToModelInput(frame: RgbaImage, size: number): Float32Array {
  const source = frame.width > 2 * size || frame.height > 2 * size ? resizeRgbaArea(frame, size, size) : frame;
  const xs = bilinearTaps(source.width, size);
  // Byte offsets of the taps within a row.
  const lo = xs.lo.map((v) => 4 * v);
  const hi = xs.hi.map((v) => 4 * v);
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  const resizeRow = (r: number, into: Float64Array) => resizeRgbRow(source.data, r * source.width * 4, lo, hi, xs.w, into);
  forEachRowPair(source.height, size, 3 * size, resizeRow, (top, bottom, wy, y) => {
    for (let c = 0; c < 3; c++) normalisedRow(top, bottom, wy, c * size, size, SCALE[c], OFFSET[c], out, c * plane + y * size);
  });
  return out;
}

/**
 * One channel of one output row, blended and normalised. A top-level function: V8 left this loop
 * unoptimised inside the per-call closure, boxing every sample (garbage that grew the young generation).
 * Normalising is linear, so normalising the blend equals blending normalised samples.
 */
function normalisedRow(top: Float64Array, bottom: Float64Array, wy: number, at: number, size: number, scale: number, offset: number, out: Float32Array, o: number): void {
  for (let x = 0; x < size; x++) out[o + x] = (top[at + x] + (bottom[at + x] - top[at + x]) * wy) * scale + offset;
}
