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

/**
 * Resizes to size×size ignoring the aspect ratio, as SAM2's video loader does: bilinear (the spec's
 * choice), except that a frame more than twice the size is area-averaged first so it does not alias.
 */
export function frameToModelInput(frame: RgbaImage, size: number): Float32Array {
  const source = frame.width > 2 * size || frame.height > 2 * size ? resizeRgbaArea(frame, size, size) : frame;
  const xs = bilinearTaps(source.width, size);
  const ys = bilinearTaps(source.height, size);
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  const s = source.data;
  const [nr, ng, nb] = NORMALISED;
  for (let y = 0; y < size; y++) {
    const r0 = ys.lo[y] * source.width * 4;
    const r1 = ys.hi[y] * source.width * 4;
    const wy = ys.w[y];
    let o = y * size;
    for (let x = 0; x < size; x++, o++) {
      const a = xs.lo[x] * 4;
      const b = xs.hi[x] * 4;
      // Normalising is linear, so blending normalised samples equals normalising the blend.
      const w00 = (1 - xs.w[x]) * (1 - wy);
      const w01 = xs.w[x] * (1 - wy);
      const w10 = (1 - xs.w[x]) * wy;
      const w11 = xs.w[x] * wy;
      out[o] = nr[s[r0 + a]] * w00 + nr[s[r0 + b]] * w01 + nr[s[r1 + a]] * w10 + nr[s[r1 + b]] * w11;
      out[plane + o] = ng[s[r0 + a + 1]] * w00 + ng[s[r0 + b + 1]] * w01 + ng[s[r1 + a + 1]] * w10 + ng[s[r1 + b + 1]] * w11;
      out[2 * plane + o] = nb[s[r0 + a + 2]] * w00 + nb[s[r0 + b + 2]] * w01 + nb[s[r1 + a + 2]] * w10 + nb[s[r1 + b + 2]] * w11;
    }
  }
  return out;
}
