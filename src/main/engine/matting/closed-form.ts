/**
 * Closed-form matting (Levin, Lischinski, Weiss 2008): the alpha that minimises αᵀLα with the known
 * pixels fixed, solved by preconditioned conjugate gradient from a first alpha (the guided filter's),
 * which is already close, so a few hundred sparse products suffice where a direct solve takes seconds.
 */
import type { GrayImage, RgbaImage } from '../../../shared/media';
import { conjugateGradient, type SolveResult } from './conjugate-gradient';
import { mattingLaplacian, multiply } from './matting-laplacian';
import { isUnknown } from './trimap-values';

export interface ClosedFormOptions {
  epsilon: number;
  tolerance: number;
  maxIterations: number;
}

export const CLOSED_FORM_DEFAULTS: ClosedFormOptions = { epsilon: 1e-7, tolerance: 1e-3, maxIterations: 400 };

/**
 * Refines `alpha` (0..1 per pixel, the guess for unknown pixels) in place. Known trimap pixels are
 * constraints and keep their values.
 */
export function solveClosedForm(
  image: RgbaImage,
  trimap: GrayImage,
  alpha: Float32Array,
  options: ClosedFormOptions = CLOSED_FORM_DEFAULTS,
  shouldStop?: () => boolean,
): SolveResult {
  const { width, height } = trimap;
  const n = width * height;
  const unknown = new Uint8Array(n);
  const known = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    if (isUnknown(trimap.data[i])) unknown[i] = 1;
    else known[i] = trimap.data[i] / 255;
  }
  // A region thinner than one window has no Laplacian: the guess stands.
  if (width < 3 || height < 3) return { iterations: 0, relativeResidual: 0 };
  const system = mattingLaplacian({ width, height, rgba: image.data, unknown, known, epsilon: options.epsilon });
  const { pixels } = system;
  const x = Float64Array.from(pixels, (p) => alpha[p]);
  const result = conjugateGradient(
    { size: pixels.length, multiply: (v, out) => multiply(system, v, out), diagonal: system.diagonal, rhs: system.rhs },
    x,
    { tolerance: options.tolerance, maxIterations: options.maxIterations, shouldStop },
  );
  for (let u = 0; u < pixels.length; u++) alpha[pixels[u]] = Math.min(1, Math.max(0, x[u]));
  return result;
}
