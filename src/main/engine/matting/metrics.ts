/**
 * Matting errors as the alphamatting.com benchmark computes them (Rhemann et al., "A Perceptually
 * Motivated Online Benchmark for Image Matting", CVPR 2009, and its MATLAB evaluation code), over a
 * region (the trimap's unknown pixels), alphas as 8-bit images read as [0, 1]:
 *  - SAD: Σ|α − α*| / 1000;
 *  - MSE: mean of (α − α*)² over the region;
 *  - Gradient: Σ(‖∇α‖ − ‖∇α*‖)² / 1000, gradients by first-derivative-of-Gaussian filters, σ = 1.4;
 *  - Connectivity: Σ|φ(α) − φ(α*)| / 1000, φ from the largest 4-connected component of
 *    {α ≥ t} ∩ {α* ≥ t} for t = 0.1, 0.2, ..., 1 (see connectivityPhi);
 * and for video dtSSD (Erofeev et al., "Perceptually Motivated Benchmark for Video Matting", BMVC 2015):
 * the mean over frame pairs of the root mean square of (dα/dt − dα_true/dt), times 100 as the
 * video matting papers report it.
 */
import type { GrayImage } from '../../../shared/media';
import { labelComponents } from '../../imaging/connected-components';

export interface MatteErrors {
  sad: number;
  mse: number;
  gradient: number;
  connectivity: number;
}

/** 1 where the trimap is unknown (neither 0 nor 255). */
export function unknownRegion(trimap: GrayImage): Uint8Array {
  return trimap.data.map((v) => (v !== 0 && v !== 255 ? 1 : 0));
}

function checkSizes(estimate: GrayImage, truth: GrayImage, region?: Uint8Array): void {
  if (estimate.width !== truth.width || estimate.height !== truth.height || (region && region.length !== truth.data.length)) {
    throw new RangeError(`metrics: estimate ${estimate.width}x${estimate.height}, truth ${truth.width}x${truth.height} and a region of ${region?.length} pixels differ`);
  }
}

export function sad(estimate: GrayImage, truth: GrayImage, region: Uint8Array): number {
  checkSizes(estimate, truth, region);
  let sum = 0;
  for (let i = 0; i < region.length; i++) if (region[i]) sum += Math.abs(estimate.data[i] - truth.data[i]);
  return sum / 255 / 1000;
}

export function mse(estimate: GrayImage, truth: GrayImage, region: Uint8Array): number {
  checkSizes(estimate, truth, region);
  let sum = 0;
  let count = 0;
  for (let i = 0; i < region.length; i++) {
    if (!region[i]) continue;
    const d = (estimate.data[i] - truth.data[i]) / 255;
    sum += d * d;
    count++;
  }
  return count === 0 ? 0 : sum / count;
}

/**
 * The benchmark's gaussgradient kernels: g(u)·g'(v) over a (2h+1)² window, h chosen so that the
 * Gaussian's tail below 1e-2 is cut (h = 4 for σ = 1.4), scaled to unit L2 norm. Separable, so
 * returned as its two 1-D factors, each of unit norm.
 */
export function gaussianDerivativeKernels(sigma: number): { smooth: Float64Array; derivative: Float64Array } {
  const half = Math.ceil(sigma * Math.sqrt(-2 * Math.log(Math.sqrt(2 * Math.PI) * sigma * 1e-2)));
  const size = 2 * half + 1;
  const smooth = new Float64Array(size);
  const derivative = new Float64Array(size);
  for (let k = 0; k < size; k++) {
    const u = k - half;
    const g = Math.exp(-(u * u) / (2 * sigma * sigma)) / (sigma * Math.sqrt(2 * Math.PI));
    smooth[k] = g;
    derivative[k] = (-u * g) / (sigma * sigma);
  }
  const normalise = (v: Float64Array) => {
    const norm = Math.hypot(...v);
    for (let k = 0; k < v.length; k++) v[k] /= norm;
  };
  normalise(smooth);
  normalise(derivative);
  return { smooth, derivative };
}

/** Correlates rows or columns with a 1-D kernel, borders replicated (MATLAB's 'replicate'). */
function filter1d(src: Float64Array, width: number, height: number, kernel: Float64Array, alongRows: boolean): Float64Array {
  const out = new Float64Array(width * height);
  const half = (kernel.length - 1) / 2;
  if (alongRows) {
    const padded = new Float64Array(width + 2 * half);
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < padded.length; x++) padded[x] = src[row + Math.min(width - 1, Math.max(0, x - half))];
      for (let x = 0; x < width; x++) {
        let sum = 0;
        for (let k = 0; k < kernel.length; k++) sum += kernel[k] * padded[x + k];
        out[row + x] = sum;
      }
    }
    return out;
  }
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let k = 0; k < kernel.length; k++) {
      const from = Math.min(height - 1, Math.max(0, y + k - half)) * width;
      const w = kernel[k];
      for (let x = 0; x < width; x++) out[row + x] += w * src[from + x];
    }
  }
  return out;
}

/** ‖∇α‖ with the benchmark's σ = 1.4 Gaussian-derivative filters (the sign of the kernels does not matter here). */
function gradientMagnitude(alpha: GrayImage, sigma = 1.4): Float64Array {
  const { width, height } = alpha;
  const a = new Float64Array(alpha.data.length);
  for (let i = 0; i < a.length; i++) a[i] = alpha.data[i] / 255;
  const { smooth, derivative } = gaussianDerivativeKernels(sigma);
  const gx = filter1d(filter1d(a, width, height, derivative, true), width, height, smooth, false);
  const gy = filter1d(filter1d(a, width, height, smooth, true), width, height, derivative, false);
  for (let i = 0; i < gx.length; i++) gx[i] = Math.sqrt(gx[i] * gx[i] + gy[i] * gy[i]);
  return gx;
}

export function gradientError(estimate: GrayImage, truth: GrayImage, region: Uint8Array): number {
  checkSizes(estimate, truth, region);
  const e = gradientMagnitude(estimate);
  const t = gradientMagnitude(truth);
  let sum = 0;
  for (let i = 0; i < region.length; i++) if (region[i]) sum += (e[i] - t[i]) ** 2;
  return sum / 1000;
}

/** The largest 4-connected component of `mask` (first found on a tie), as 0/1; empty if the mask is. */
function largestComponent4(mask: Uint8Array, width: number): Uint8Array {
  const { labels, count, areas } = labelComponents(mask, width, mask.length / width, 1, 4);
  let bestLabel = 0;
  for (let label = 1; label <= count; label++) if (areas[label] > areas[bestLabel]) bestLabel = label;
  const kept = new Uint8Array(mask.length);
  if (bestLabel !== 0) for (let i = 0; i < kept.length; i++) kept[i] = labels[i] === bestLabel ? 1 : 0;
  return kept;
}

/**
 * The level at which each pixel leaves the component connected to the bulk of both mattes: for
 * t = 0.1 ... 1, pixels outside the largest 4-connected component of {α ≥ t} ∩ {α* ≥ t} that are
 * not yet assigned get t − 0.1; pixels never cut off get 1.
 */
function connectivityLevels(estimate: GrayImage, truth: GrayImage): Float64Array {
  const { width, height } = truth;
  const n = width * height;
  const level = new Float64Array(n).fill(-1);
  const both = new Uint8Array(n);
  for (let k = 1; k <= 10; k++) {
    // α ≥ k/10 in exact integers: 10·v ≥ 255·k.
    for (let i = 0; i < n; i++) both[i] = 10 * estimate.data[i] >= 255 * k && 10 * truth.data[i] >= 255 * k ? 1 : 0;
    const kept = largestComponent4(both, width);
    for (let i = 0; i < n; i++) if (level[i] === -1 && !kept[i]) level[i] = (k - 1) / 10;
  }
  for (let i = 0; i < n; i++) if (level[i] === -1) level[i] = 1;
  return level;
}

/** φ = 1 − d·[d ≥ 0.15], d = α − level: how far above the level at which it was cut off a pixel's alpha lies. */
function phi(alpha: number, level: number): number {
  const d = alpha - level;
  return d >= 0.15 ? 1 - d : 1;
}

export function connectivityError(estimate: GrayImage, truth: GrayImage, region: Uint8Array): number {
  checkSizes(estimate, truth, region);
  const level = connectivityLevels(estimate, truth);
  let sum = 0;
  for (let i = 0; i < region.length; i++) {
    if (region[i]) sum += Math.abs(phi(estimate.data[i] / 255, level[i]) - phi(truth.data[i] / 255, level[i]));
  }
  return sum / 1000;
}

export function matteErrors(estimate: GrayImage, truth: GrayImage, region: Uint8Array): MatteErrors {
  return {
    sad: sad(estimate, truth, region),
    mse: mse(estimate, truth, region),
    gradient: gradientError(estimate, truth, region),
    connectivity: connectivityError(estimate, truth, region),
  };
}

/**
 * dtSSD over a clip: for each pair of consecutive frames, √(mean over the region of
 * ((αₜ − αₜ₋₁) − (α*ₜ − α*ₜ₋₁))²), averaged over the pairs, × 100. The region defaults to every pixel.
 */
export function dtSSD(estimates: GrayImage[], truths: GrayImage[], region?: Uint8Array): number {
  if (estimates.length !== truths.length) throw new RangeError(`dtSSD: ${estimates.length} estimated frames for ${truths.length} true ones`);
  if (estimates.length < 2) return 0;
  let total = 0;
  for (let t = 1; t < estimates.length; t++) {
    const [e0, e1, g0, g1] = [estimates[t - 1].data, estimates[t].data, truths[t - 1].data, truths[t].data];
    checkSizes(estimates[t], truths[t], region);
    let sum = 0;
    let count = 0;
    for (let i = 0; i < g1.length; i++) {
      if (region && !region[i]) continue;
      const d = (e1[i] - e0[i] - (g1[i] - g0[i])) / 255;
      sum += d * d;
      count++;
    }
    total += count === 0 ? 0 : Math.sqrt(sum / count);
  }
  return (100 * total) / (estimates.length - 1);
}
