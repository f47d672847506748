/** Operations on square-or-not float maps of mask logits (row-major, one channel). */
import type { GrayImage } from '../../../../shared/media';
import { labelComponents } from '../../../imaging/connected-components';
import { memoryMaskValue, sigmoid } from './sam2-math';

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
 * The vertical half of a separable bilinear resize: for each output row y, `blend(top, bottom, wy, y)`
 * with the two horizontally resized source rows it mixes (`resizeRow(r, into)` fills row r of
 * `rowLength` values). Rows only move down, so each source row is resized once and two are kept.
 */
export function forEachRowPair(
  srcHeight: number,
  height: number,
  rowLength: number,
  resizeRow: (r: number, into: Float64Array) => void,
  blend: (top: Float64Array, bottom: Float64Array, wy: number, y: number) => void,
): void {
  const ys = bilinearTaps(srcHeight, height);
  let top = new Float64Array(rowLength);
  let bottom = new Float64Array(rowLength);
  let [topRow, bottomRow] = [-1, -1];
  for (let y = 0; y < height; y++) {
    const [r0, r1] = [ys.lo[y], ys.hi[y]];
    // The old bottom row is often the new top one.
    if (r0 === bottomRow) [top, bottom, topRow, bottomRow] = [bottom, top, bottomRow, -1];
    if (r0 !== topRow) resizeRow((topRow = r0), top);
    if (r1 !== bottomRow) resizeRow((bottomRow = r1), bottom);
    blend(top, bottom, ys.w[y], y);
  }
}

/** The horizontal half of a bilinear resize of `src` to `width`: fills `into` with source row r resized. */
function rowResizer(src: FloatMap, width: number): (r: number, into: Float64Array) => void {
  const { lo, hi, w } = bilinearTaps(src.width, width);
  return (r, into) => resizeRow(src.data, r * src.width, lo, hi, w, into);
}

/*
 * The per-pixel loops below are top-level functions called from small per-call closures: V8 left loops
 * inside those closures unoptimised, boxing every fractional value (about 1 MB of garbage a frame),
 * which grew the young generation and with it the process's RSS over a long clip.
 */

function resizeRow(d: Float32Array, base: number, lo: Int32Array, hi: Int32Array, w: Float32Array, into: Float64Array): void {
  for (let x = 0; x < into.length; x++) into[x] = d[base + lo[x]] + (d[base + hi[x]] - d[base + lo[x]]) * w[x];
}

function blendRow(top: Float64Array, bottom: Float64Array, wy: number, out: Float32Array, at: number): void {
  for (let x = 0; x < top.length; x++) out[at + x] = top[x] + (bottom[x] - top[x]) * wy;
}

function memoryMaskRow(top: Float64Array, bottom: Float64Array, wy: number, fromPrompts: boolean, out: Float32Array, at: number): void {
  for (let x = 0; x < top.length; x++) out[at + x] = memoryMaskValue(top[x] + (bottom[x] - top[x]) * wy, fromPrompts);
}

/** Bilinear resize as torch F.interpolate(mode="bilinear", align_corners=False) without antialiasing. */
export function resizeBilinear(src: FloatMap, width: number, height: number): FloatMap {
  const out = new Float32Array(width * height);
  forEachRowPair(src.height, height, width, rowResizer(src, width), (top, bottom, wy, y) => blendRow(top, bottom, wy, out, y * width));
  return { width, height, data: out };
}

/** The memory encoder's mask input (memoryMaskValue) of low-res logits resized to size×size, each row mapped as it is blended. */
export function upsampledMaskForMemory(src: FloatMap, size: number, fromPrompts: boolean): Float32Array {
  const out = new Float32Array(size * size);
  forEachRowPair(src.height, size, size, rowResizer(src, size), (top, bottom, wy, y) => memoryMaskRow(top, bottom, wy, fromPrompts, out, y * size));
  return out;
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
 * SAM2's fill_holes_in_mask_scores (the video predictor's fill_hole_area): background regions (logit ≤ 0)
 * of at most `maxArea` pixels, 8-connected, become 0.1 (foreground). Foreground specks stay: removing
 * them is the image predictor's post-processing, not the video predictor's. Returns a new map.
 */
export function fillSmallHoles(src: FloatMap, maxArea: number): FloatMap {
  const data = src.data.slice();
  const background = new Uint8Array(data.length);
  for (let i = 0; i < data.length; i++) background[i] = data[i] <= 0 ? 1 : 0;
  const { labels, areas } = labelComponents(background, src.width, src.height, 1);
  for (let i = 0; i < data.length; i++) if (labels[i] !== 0 && areas[labels[i]] <= maxArea) data[i] = 0.1;
  return { width: src.width, height: src.height, data };
}

/** Steps per logit unit of the probability table: the byte it gives is within 0.125 of the exact one. */
const TABLE_STEPS = 256;
const TABLE_LIMIT = 16;
/** round(sigmoid(i / TABLE_STEPS − TABLE_LIMIT) × 255); beyond ±16 the byte is 0 or 255 anyway. */
const PROBABILITY = Uint8Array.from({ length: 2 * TABLE_LIMIT * TABLE_STEPS + 1 }, (_, i) => Math.round(sigmoid(i / TABLE_STEPS - TABLE_LIMIT) * 255));

/** Logits at or beyond ±7 give bytes 0 and 255 (sigmoid(7) × 255 = 254.8): most of a mask, decided without the table. */
const SATURATED = 7;

/** Foreground probability 0..255 (sigmoid of the logits resized bilinearly to the output), 128 and up = object. */
export function logitsToMask(src: FloatMap, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  forEachRowPair(src.height, height, width, rowResizer(src, width), (top, bottom, wy, y) => probabilityRow(top, bottom, wy, data, y * width));
  return { width, height, data };
}

/** One output row of logitsToMask (a top-level loop, as resizeRow). */
function probabilityRow(top: Float64Array, bottom: Float64Array, wy: number, data: Uint8Array, at: number): void {
  for (let x = 0; x < top.length; x++) {
    const v = top[x] + (bottom[x] - top[x]) * wy;
    // The table index rounded as floor(i + 0.5): positive here.
    data[at + x] = v <= -SATURATED ? 0 : v >= SATURATED ? 255 : PROBABILITY[((v + TABLE_LIMIT) * TABLE_STEPS + 0.5) | 0];
  }
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
