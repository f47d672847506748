/**
 * The two resizes SAM2's own pipeline uses, reproduced exactly so the tracker sees what SAM2 sees:
 * Pillow's bicubic `Image.resize` (how SAM2's loader squeezes a frame to 1024², 8-bit fixed point,
 * horizontal pass first) and torch's `F.interpolate(mode='bilinear', antialias=True)` (how SAM2 turns
 * a mask into a mask prompt or a mask-as-output).
 */
import type { RgbaImage } from '../../shared/media';

/** Source window and weights of each destination index. */
export interface ConvolutionTaps {
  start: Int32Array;
  count: Int32Array;
  /** `kernel` weights per destination index, the first `count[i]` of them used. */
  weights: Float64Array;
  kernel: number;
}

/**
 * Pillow's precompute_coeffs (and torch's _compute_indices_weights_aa, the same scheme): a filter of
 * `support` source pixels stretched by the downscale factor, centred on each destination pixel,
 * weights normalised to sum 1 over the pixels inside the source.
 */
export function convolutionTaps(srcSize: number, dstSize: number, support: number, filter: (x: number) => number): ConvolutionTaps {
  const scale = srcSize / dstSize;
  const filterScale = Math.max(1, scale);
  const reach = support * filterScale;
  const kernel = Math.ceil(reach) * 2 + 1;
  const invScale = 1 / filterScale;
  const start = new Int32Array(dstSize);
  const count = new Int32Array(dstSize);
  const weights = new Float64Array(dstSize * kernel);
  for (let i = 0; i < dstSize; i++) {
    const center = (i + 0.5) * scale;
    // Truncation toward zero of a value ≥ −0.5, as C's (int) cast: the same as Math.trunc.
    const lo = Math.max(0, Math.trunc(center - reach + 0.5));
    const hi = Math.min(srcSize, Math.trunc(center + reach + 0.5));
    let total = 0;
    for (let j = 0; j < hi - lo; j++) {
      const w = filter((j + lo - center + 0.5) * invScale);
      weights[i * kernel + j] = w;
      total += w;
    }
    if (total !== 0) for (let j = 0; j < hi - lo; j++) weights[i * kernel + j] /= total;
    start[i] = lo;
    count[i] = hi - lo;
  }
  return { start, count, weights, kernel };
}

/** Pillow's bicubic filter (a = −0.5), support 2. */
export function bicubicFilter(x: number): number {
  const a = -0.5;
  const t = Math.abs(x);
  if (t < 1) return ((a + 2) * t - (a + 3)) * t * t + 1;
  if (t < 2) return (((t - 5) * t + 8) * t - 4) * a;
  return 0;
}

export function triangleFilter(x: number): number {
  const t = Math.abs(x);
  return t < 1 ? 1 - t : 0;
}

/** Pillow's 8-bit resampling: weights in fixed point with 22 fractional bits, sums rounded and clipped. */
const PRECISION_BITS = 22;

function fixedPoint(taps: ConvolutionTaps): Int32Array {
  const scale = 1 << PRECISION_BITS;
  return Int32Array.from(taps.weights, (w) => (w < 0 ? Math.trunc(-0.5 + w * scale) : Math.trunc(0.5 + w * scale)));
}

function clip8(sum: number): number {
  if (sum >= 1 << (PRECISION_BITS + 8)) return 255;
  if (sum <= 0) return 0;
  return Math.floor(sum / (1 << PRECISION_BITS));
}

/**
 * One 8-bit pass along rows, RGB of RGBA. Sums stay below 2^31 + 2^30 in magnitude, exact in doubles,
 * so Pillow's int32 arithmetic is reproduced.
 */
function horizontalPass(src: Uint8Array, srcWidth: number, height: number, taps: ConvolutionTaps, weights: Int32Array): RgbaImage {
  const width = taps.start.length;
  const out = new Uint8Array(width * height * 4);
  const half = 1 << (PRECISION_BITS - 1);
  for (let y = 0; y < height; y++) {
    const row = y * srcWidth * 4;
    for (let x = 0, o = y * width * 4; x < width; x++, o += 4) {
      const k = x * taps.kernel;
      let r = half;
      let g = half;
      let b = half;
      for (let j = 0, s = row + taps.start[x] * 4; j < taps.count[x]; j++, s += 4) {
        const w = weights[k + j];
        r += src[s] * w;
        g += src[s + 1] * w;
        b += src[s + 2] * w;
      }
      out[o] = clip8(r);
      out[o + 1] = clip8(g);
      out[o + 2] = clip8(b);
      out[o + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** The same along columns: whole source rows weighted into one destination row, in memory order. */
function verticalPass(src: Uint8Array, width: number, taps: ConvolutionTaps, weights: Int32Array): RgbaImage {
  const height = taps.start.length;
  const stride = width * 4;
  const out = new Uint8Array(stride * height);
  const sums = new Float64Array(stride);
  const half = 1 << (PRECISION_BITS - 1);
  for (let y = 0; y < height; y++) {
    sums.fill(half);
    const k = y * taps.kernel;
    for (let j = 0; j < taps.count[y]; j++) {
      const w = weights[k + j];
      const row = (taps.start[y] + j) * stride;
      for (let i = 0; i < stride; i++) sums[i] += src[row + i] * w;
    }
    const o = y * stride;
    for (let i = 0; i < stride; i += 4) {
      out[o + i] = clip8(sums[i]);
      out[o + i + 1] = clip8(sums[i + 1]);
      out[o + i + 2] = clip8(sums[i + 2]);
      out[o + i + 3] = 255;
    }
  }
  return { width, height, data: out };
}

/** `Image.resize((width, height))` of an RGB image in Pillow (BICUBIC, its default), alpha ignored. */
export function resizePillowBicubic(src: RgbaImage, width: number, height: number): RgbaImage {
  let image = src;
  if (width !== src.width) {
    const taps = convolutionTaps(src.width, width, 2, bicubicFilter);
    image = horizontalPass(image.data, image.width, image.height, taps, fixedPoint(taps));
  }
  if (height !== src.height) {
    const taps = convolutionTaps(src.height, height, 2, bicubicFilter);
    image = verticalPass(image.data, image.width, taps, fixedPoint(taps));
  }
  return image;
}

/**
 * torch `F.interpolate(x, (height, width), mode='bilinear', align_corners=False, antialias=True)` of one
 * float channel: horizontal pass then vertical, in float32 as torch computes for float tensors.
 */
export function resizeBilinearAntialias(src: Float32Array, srcWidth: number, srcHeight: number, width: number, height: number): Float32Array {
  const xs = convolutionTaps(srcWidth, width, 1, triangleFilter);
  const ys = convolutionTaps(srcHeight, height, 1, triangleFilter);
  const xw = Float32Array.from(xs.weights);
  const yw = Float32Array.from(ys.weights);
  const rows = new Float32Array(width * srcHeight);
  for (let y = 0; y < srcHeight; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let j = 0; j < xs.count[x]; j++) sum = Math.fround(sum + Math.fround(src[y * srcWidth + xs.start[x] + j] * xw[x * xs.kernel + j]));
      rows[y * width + x] = sum;
    }
  }
  const out = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let sum = 0;
      for (let j = 0; j < ys.count[y]; j++) sum = Math.fround(sum + Math.fround(rows[(ys.start[y] + j) * width + x] * yw[y * ys.kernel + j]));
      out[y * width + x] = sum;
    }
  }
  return out;
}
