/** Operations on square-or-not float maps of mask logits (row-major, one channel). */
import type { GrayImage } from '../../../../shared/media';
import { labelComponents } from '../../../imaging/connected-components';
import { sigmoid } from './sam2-math';

export interface FloatMap {
  width: number;
  height: number;
  data: Float32Array;
}

/** Source index pairs and weights per destination index, pixel centres aligned (align_corners=false). */
export function bilinearTaps(src: number, dst: number): { lo: Int32Array; hi: Int32Array; w: Float32Array } {
  const lo = new Int32Array(dst);
  const hi = new Int32Array(dst);
  const w = new Float32Array(dst);
  for (let i = 0; i < dst; i++) {
    const s = Math.min(Math.max((i + 0.5) * (src / dst) - 0.5, 0), src - 1);
    lo[i] = Math.floor(s);
    hi[i] = Math.min(lo[i] + 1, src - 1);
    w[i] = s - lo[i];
  }
  return { lo, hi, w };
}

/**
 * Bilinear resize as torch F.interpolate(mode="bilinear", align_corners=False) without antialiasing.
 * Separable: each source row is resized once, each output row blends two of them.
 */
export function resizeBilinear(src: FloatMap, width: number, height: number): FloatMap {
  const xs = bilinearTaps(src.width, width);
  const ys = bilinearTaps(src.height, height);
  const rows = Array.from({ length: src.height }, (_, r) => {
    const row = new Float32Array(width);
    const base = r * src.width;
    for (let x = 0; x < width; x++) row[x] = src.data[base + xs.lo[x]] + (src.data[base + xs.hi[x]] - src.data[base + xs.lo[x]]) * xs.w[x];
    return row;
  });
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    const [top, bottom, wy] = [rows[ys.lo[y]], rows[ys.hi[y]], ys.w[y]];
    const at = y * width;
    for (let x = 0; x < width; x++) out[at + x] = top[x] + (bottom[x] - top[x]) * wy;
  }
  return { width, height, data: out };
}

/** A k×k convolution with stride k (SAM2's mask_downsample; weights 1/k² make it a block average). */
export function blockConvolve(src: FloatMap, kernel: number, weight: Float32Array, bias: number): FloatMap {
  const width = Math.floor(src.width / kernel);
  const height = Math.floor(src.height / kernel);
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = bias;
      for (let i = 0; i < kernel; i++) {
        const row = (y * kernel + i) * src.width + x * kernel;
        for (let j = 0; j < kernel; j++) sum += weight[i * kernel + j] * src.data[row + j];
      }
      out[y * width + x] = sum;
    }
  }
  return { width, height, data: out };
}

/**
 * SAM2's post-processing of low-res logits (fill_hole_area): background regions (logit ≤ 0) of at most
 * `maxArea` pixels become 0.1 (foreground) and foreground specks of at most `maxArea` become −0.1.
 * Components are 8-connected. Returns a new map.
 */
export function cleanSmallRegions(src: FloatMap, maxArea: number): FloatMap {
  const data = src.data.slice();
  const flip = (foreground: boolean, value: number) => {
    const select = new Uint8Array(data.length);
    for (let i = 0; i < data.length; i++) select[i] = (data[i] > 0) === foreground ? 1 : 0;
    const { labels, areas } = labelComponents(select, src.width, src.height, 1);
    for (let i = 0; i < data.length; i++) if (labels[i] !== 0 && areas[labels[i]] <= maxArea) data[i] = value;
  };
  flip(false, 0.1);
  flip(true, -0.1);
  return { width: src.width, height: src.height, data };
}

/** Steps per logit unit of the probability table: the byte it gives is within 0.125 of the exact one. */
const TABLE_STEPS = 256;
const TABLE_LIMIT = 16;
/** round(sigmoid(i / TABLE_STEPS − TABLE_LIMIT) × 255); beyond ±16 the byte is 0 or 255 anyway. */
const PROBABILITY = Uint8Array.from({ length: 2 * TABLE_LIMIT * TABLE_STEPS + 1 }, (_, i) => Math.round(sigmoid(i / TABLE_STEPS - TABLE_LIMIT) * 255));

function probabilityByte(logit: number): number {
  const i = Math.round((Math.max(-TABLE_LIMIT, Math.min(TABLE_LIMIT, logit)) + TABLE_LIMIT) * TABLE_STEPS);
  return PROBABILITY[i];
}

/** Foreground probability 0..255 (sigmoid of the logits resized bilinearly to the output), 128 and up = object. */
export function logitsToMask(src: FloatMap, width: number, height: number): GrayImage {
  const resized = resizeBilinear(src, width, height).data;
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = probabilityByte(resized[i]);
  return { width, height, data };
}

/** Approximate logits back from a stored 0..255 probability mask, clamped to ±32 as SAM2 clamps mask prompts. */
export function maskToLogits(mask: GrayImage, width: number, height: number): FloatMap {
  const data = new Float32Array(width * height);
  const source = { width: mask.width, height: mask.height, data: Float32Array.from(mask.data) };
  const resized = resizeBilinear(source, width, height).data;
  for (let i = 0; i < data.length; i++) {
    const p = resized[i];
    data[i] = p <= 0 ? -32 : p >= 255 ? 32 : Math.max(-32, Math.min(32, Math.log(p / (255 - p))));
  }
  return { width, height, data };
}
