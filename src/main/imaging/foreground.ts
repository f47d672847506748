/**
 * Foreground colour estimation: given the image I and the matte α, find the foreground F and
 * background B with I = αF + (1 − α)B, so that a semi-transparent edge exported as F (not I) carries
 * none of the old background's colour. Multi-level foreground estimation (Germer, Uelwer, Conrad,
 * Harmeling, "Fast Multi-Level Foreground Estimation", ICPR 2020): F and B start as the mean colour
 * on a 1×1 grid; on each finer level (nearest upsampling) a few Gauss–Seidel sweeps solve, per pixel,
 *   min (αF + (1 − α)B − I)² + Σ₄ neighbours (ε + |Δα|)·((F − Fₙ)² + (B − Bₙ)²)
 * (a 2×2 system per colour channel), so F and B spread smoothly from where they are seen.
 */
import type { GrayImage, RgbaImage } from '../../shared/media';

export interface ForegroundOptions {
  /** ε: smoothness that holds everywhere. */
  regularization: number;
  /** Weight of |Δα| in the smoothness: F and B vary least across the matte's own edges. */
  gradientWeight: number;
  /** Sweeps per level: levels no larger than smallSize on both sides get smallIterations. */
  smallIterations: number;
  bigIterations: number;
  smallSize: number;
  /** Context kept around the semi-transparent pixels (F and B are solved in that box alone). */
  margin: number;
}

// The paper's defaults (pymatting's estimate_foreground_ml) but a weaker |Δα| term: on composites with
// exact alpha (foreground.test.ts) 0.03 leaves a third of the colour error that 1 does where α > 0.5.
const DEFAULTS: ForegroundOptions = { regularization: 1e-5, gradientWeight: 0.03, smallIterations: 10, bigIterations: 2, smallSize: 32, margin: 32 };

/**
 * The foreground colour of every semi-transparent pixel (0 < α < 255), the image's own colour
 * elsewhere (opaque pixels keep theirs exactly), with α as the alpha channel.
 */
export function estimateForeground(image: RgbaImage, alpha: GrayImage, options: Partial<ForegroundOptions> = {}): RgbaImage {
  const { width, height } = image;
  if (alpha.width !== width || alpha.height !== height) throw new RangeError(`estimateForeground: image ${width}x${height}, matte ${alpha.width}x${alpha.height}`);
  const o = { ...DEFAULTS, ...options };
  const out = new Uint8Array(image.data);
  for (let i = 0; i < alpha.data.length; i++) out[4 * i + 3] = alpha.data[i];
  const box = semiTransparentBox(alpha, o.margin);
  if (!box) return { width, height, data: out };
  const { x0, y0, w, h } = box;
  // Planar float copies of the box: colour 0..255, alpha 0..1.
  const plane = w * h;
  const colour = new Float32Array(3 * plane);
  const a = new Float32Array(plane);
  const src = image.data,
    matte = alpha.data;
  for (let y = 0; y < h; y++) {
    for (let x = 0, from = (y + y0) * width + x0, to = y * w; x < w; x++, from++, to++) {
      a[to] = matte[from] / 255;
      colour[to] = src[4 * from];
      colour[plane + to] = src[4 * from + 1];
      colour[2 * plane + to] = src[4 * from + 2];
    }
  }
  const foreground = solveMultiLevel(colour, a, w, h, o);
  for (let y = 0; y < h; y++) {
    for (let x = 0, to = (y + y0) * width + x0, from = y * w; x < w; x++, from++, to++) {
      const v = matte[to];
      if (v === 0 || v === 255) continue;
      out[4 * to] = foreground[from] + 0.5;
      out[4 * to + 1] = foreground[plane + from] + 0.5;
      out[4 * to + 2] = foreground[2 * plane + from] + 0.5;
    }
  }
  return { width, height, data: out };
}

function semiTransparentBox(alpha: GrayImage, margin: number): { x0: number; y0: number; w: number; h: number } | null {
  const { width, height, data } = alpha;
  let minX = width,
    minY = height,
    maxX = -1,
    maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x];
      if (v === 0 || v === 255) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return null;
  const x0 = Math.max(0, minX - margin),
    y0 = Math.max(0, minY - margin);
  return { x0, y0, w: Math.min(width, maxX + 1 + margin) - x0, h: Math.min(height, maxY + 1 + margin) - y0 };
}

/** Nearest-neighbour resampling of `planes` planes of size sw×sh to dw×dh. */
function resizeNearest(src: Float32Array, sw: number, sh: number, dw: number, dh: number, planes: number): Float32Array {
  const out = new Float32Array(planes * dw * dh);
  const xs = new Int32Array(dw);
  for (let x = 0; x < dw; x++) xs[x] = Math.min(sw - 1, Math.floor((x * sw) / dw));
  for (let p = 0; p < planes; p++) {
    for (let y = 0; y < dh; y++) {
      const from = p * sw * sh + Math.min(sh - 1, Math.floor((y * sh) / dh)) * sw;
      const to = p * dw * dh + y * dw;
      for (let x = 0; x < dw; x++) out[to + x] = src[from + xs[x]];
    }
  }
  return out;
}

/** F (planar, 0..255) for the whole box. */
function solveMultiLevel(colour: Float32Array, alpha: Float32Array, w0: number, h0: number, o: ForegroundOptions): Float32Array {
  const mean = [0, 0, 0];
  const n0 = w0 * h0;
  for (let c = 0; c < 3; c++) {
    let sum = 0;
    for (let i = 0; i < n0; i++) sum += colour[c * n0 + i];
    mean[c] = sum / n0;
  }
  let F: Float32Array = Float32Array.from(mean);
  let B: Float32Array = Float32Array.from(mean);
  let pw = 1,
    ph = 1;
  const levels = Math.ceil(Math.log2(Math.max(w0, h0)));
  for (let level = 0; level <= levels; level++) {
    const w = levels === 0 ? w0 : Math.round(w0 ** (level / levels));
    const h = levels === 0 ? h0 : Math.round(h0 ** (level / levels));
    const image = w === w0 && h === h0 ? colour : resizeNearest(colour, w0, h0, w, h, 3);
    const a = w === w0 && h === h0 ? alpha : resizeNearest(alpha, w0, h0, w, h, 1);
    F = resizeNearest(F, pw, ph, w, h, 3);
    B = resizeNearest(B, pw, ph, w, h, 3);
    const iterations = w <= o.smallSize && h <= o.smallSize ? o.smallIterations : o.bigIterations;
    for (let k = 0; k < iterations; k++) sweep(image, a, F, B, w, h, o);
    pw = w;
    ph = h;
  }
  return F;
}

/** One Gauss–Seidel pass over the level, F and B updated in place. */
function sweep(image: Float32Array, alpha: Float32Array, F: Float32Array, B: Float32Array, w: number, h: number, o: ForegroundOptions): void {
  const n = w * h;
  const n2 = 2 * n;
  const { regularization, gradientWeight } = o;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const left = x > 0 ? i - 1 : i;
      const right = x < w - 1 ? i + 1 : i;
      const up = y > 0 ? i - w : i;
      const down = y < h - 1 ? i + w : i;
      const a0 = alpha[i];
      // Inside a flat opaque (or clear) area the solution is F = I (B = I) up to ε: set it, skip the
      // system. The other layer there is only ever seen through smoothness, and keeps its coarser value.
      if ((a0 === 1 || a0 === 0) && alpha[left] === a0 && alpha[right] === a0 && alpha[up] === a0 && alpha[down] === a0) {
        const layer = a0 === 1 ? F : B;
        layer[i] = image[i];
        layer[n + i] = image[n + i];
        layer[n2 + i] = image[n2 + i];
        continue;
      }
      // Neighbour weights ε + g·|Δα|: the same for F and B, so their sum adds to both diagonals.
      const wl = regularization + gradientWeight * Math.abs(a0 - alpha[left]);
      const wr = regularization + gradientWeight * Math.abs(a0 - alpha[right]);
      const wu = regularization + gradientWeight * Math.abs(a0 - alpha[up]);
      const wd = regularization + gradientWeight * Math.abs(a0 - alpha[down]);
      const sum = wl + wr + wu + wd;
      const a1 = 1 - a0;
      const m00 = a0 * a0 + sum;
      const m11 = a1 * a1 + sum;
      const m01 = a0 * a1;
      const inverse = 1 / (m00 * m11 - m01 * m01);
      for (let c = 0; c < n2 + 1; c += n) {
        const v = image[c + i];
        const f = a0 * v + wl * F[c + left] + wr * F[c + right] + wu * F[c + up] + wd * F[c + down];
        const b = a1 * v + wl * B[c + left] + wr * B[c + right] + wu * B[c + up] + wd * B[c + down];
        const fc = inverse * (m11 * f - m01 * b);
        const bc = inverse * (m00 * b - m01 * f);
        F[c + i] = fc < 0 ? 0 : fc > 255 ? 255 : fc;
        B[c + i] = bc < 0 ? 0 : bc > 255 ? 255 : bc;
      }
    }
  }
}
