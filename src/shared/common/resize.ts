/** Resampling between the frame's resolution and the tracker's working resolution. */
import type { Rect } from '../engine';
import type { GrayImage, RgbaImage } from '../media';

interface Taps {
  lo: Int32Array;
  hi: Int32Array;
  /** Weight of `hi`; `lo` gets 1 − weight. */
  weight: Float32Array;
}

/** Source taps for each destination index, with align_corners=false (pixel centres at i + 0.5). */
function bilinearTaps(srcSize: number, dstSize: number): Taps {
  const lo = new Int32Array(dstSize);
  const hi = new Int32Array(dstSize);
  const weight = new Float32Array(dstSize);
  const ratio = srcSize / dstSize;
  for (let i = 0; i < dstSize; i++) {
    const s = Math.min(Math.max((i + 0.5) * ratio - 0.5, 0), srcSize - 1);
    const l = Math.floor(s);
    lo[i] = l;
    hi[i] = Math.min(l + 1, srcSize - 1);
    weight[i] = s - l;
  }
  return { lo, hi, weight };
}

/** Bilinear resize of one channel (masks, probabilities), up or down. */
export function resizeGrayBilinear(src: GrayImage, width: number, height: number): GrayImage {
  return { width, height, data: resizeGrayBilinearWindow(src, width, height, { x: 0, y: 0, width, height }) };
}

/**
 * The `window` (in destination pixels) of the bilinear resize of `src` to width × height, exactly as
 * the whole resize would give it there: for callers that need only the part around an object.
 */
export function resizeGrayBilinearWindow(src: GrayImage, width: number, height: number, window: Rect): Uint8Array {
  const out = new Uint8Array(window.width * window.height);
  const xs = bilinearTaps(src.width, width);
  const ys = bilinearTaps(src.height, height);
  const sw = src.width;
  const s = src.data;
  for (let y = 0; y < window.height; y++) {
    const r0 = ys.lo[y + window.y] * sw;
    const r1 = ys.hi[y + window.y] * sw;
    const wy = ys.weight[y + window.y];
    const row = y * window.width;
    for (let x = 0; x < window.width; x++) {
      const x0 = xs.lo[x + window.x];
      const x1 = xs.hi[x + window.x];
      const wx = xs.weight[x + window.x];
      const top = s[r0 + x0] + (s[r0 + x1] - s[r0 + x0]) * wx;
      const bottom = s[r1 + x0] + (s[r1 + x1] - s[r1 + x0]) * wx;
      out[row + x] = Math.round(top + (bottom - top) * wy);
    }
  }
  return out;
}

interface AreaTaps {
  /** Taps of destination i are start[i] .. start[i + 1] − 1 in `index`/`weight`. */
  start: Int32Array;
  index: Int32Array;
  weight: Float32Array;
}

/** Each destination cell averages the source cells it overlaps, weighted by the overlap. */
function areaTaps(srcSize: number, dstSize: number): AreaTaps {
  const ratio = srcSize / dstSize;
  const start = new Int32Array(dstSize + 1);
  const index: number[] = [];
  const weight: number[] = [];
  for (let i = 0; i < dstSize; i++) {
    start[i] = index.length;
    const a = i * ratio;
    const b = Math.min((i + 1) * ratio, srcSize);
    for (let s = Math.floor(a); s < b; s++) {
      const overlap = Math.min(b, s + 1) - Math.max(a, s);
      if (overlap <= 1e-9) continue;
      index.push(s);
      weight.push(overlap / (b - a));
    }
  }
  start[dstSize] = index.length;
  return { start, index: Int32Array.from(index), weight: Float32Array.from(weight) };
}

/** Area (box) resampling of RGBA: the right filter for downscaling frames without aliasing. */
export function resizeRgbaArea(src: RgbaImage, width: number, height: number): RgbaImage {
  const xs = areaTaps(src.width, width);
  const ys = areaTaps(src.height, height);
  const s = src.data;
  // Horizontal pass into a float buffer of width x src.height, then vertical.
  const mid = new Float32Array(width * src.height * 4);
  for (let y = 0; y < src.height; y++) {
    const srcRow = y * src.width * 4;
    const midRow = y * width * 4;
    for (let x = 0; x < width; x++) {
      let r = 0,
        g = 0,
        b = 0,
        a = 0;
      for (let t = xs.start[x]; t < xs.start[x + 1]; t++) {
        const p = srcRow + xs.index[t] * 4;
        const w = xs.weight[t];
        r += s[p] * w;
        g += s[p + 1] * w;
        b += s[p + 2] * w;
        a += s[p + 3] * w;
      }
      const q = midRow + x * 4;
      mid[q] = r;
      mid[q + 1] = g;
      mid[q + 2] = b;
      mid[q + 3] = a;
    }
  }
  const out = new Uint8Array(width * height * 4);
  const rowLength = width * 4;
  const acc = new Float32Array(rowLength);
  for (let y = 0; y < height; y++) {
    acc.fill(0);
    for (let t = ys.start[y]; t < ys.start[y + 1]; t++) {
      const midRow = ys.index[t] * rowLength;
      const w = ys.weight[t];
      for (let i = 0; i < rowLength; i++) acc[i] += mid[midRow + i] * w;
    }
    const dstRow = y * rowLength;
    for (let i = 0; i < rowLength; i++) out[dstRow + i] = Math.round(acc[i]);
  }
  return { width, height, data: out };
}

/** Shrinks to at most `maxWidth` wide, keeping the aspect ratio (previews, thumbnails). */
export function downscaleRgba(src: RgbaImage, maxWidth: number): RgbaImage {
  if (src.width <= maxWidth) return src;
  const height = Math.max(1, Math.round((src.height * maxWidth) / src.width));
  return resizeRgbaArea(src, maxWidth, height);
}
