/**
 * Jacobi-preconditioned conjugate gradient for a symmetric positive (semi-)definite system given by
 * its product, started from a guess so that a good first alpha needs few iterations.
 */

export interface LinearSystem {
  size: number;
  multiply(x: Float64Array, out: Float64Array): void;
  /** Diagonal of the matrix (the preconditioner). */
  diagonal: Float64Array;
  rhs: Float64Array;
}

export interface SolveOptions {
  /** Stop when ‖r‖ ≤ tolerance · ‖b‖. */
  tolerance: number;
  maxIterations: number;
  /** Checked between iterations. */
  shouldStop?: () => boolean;
}

export interface SolveResult {
  iterations: number;
  /** ‖r‖ / ‖b‖ at the end. */
  relativeResidual: number;
}

/** Solves in place: `x` holds the guess on entry and the solution on return. */
export function conjugateGradient(system: LinearSystem, x: Float64Array, options: SolveOptions): SolveResult {
  const { size, diagonal, rhs } = system;
  const r = new Float64Array(size);
  const z = new Float64Array(size);
  const p = new Float64Array(size);
  const q = new Float64Array(size);
  const inverse = new Float64Array(size);
  for (let i = 0; i < size; i++) inverse[i] = diagonal[i] > 1e-12 ? 1 / diagonal[i] : 1;
  system.multiply(x, q);
  let bNorm = 0;
  for (let i = 0; i < size; i++) {
    r[i] = rhs[i] - q[i];
    bNorm += rhs[i] * rhs[i];
  }
  // A zero right-hand side (no known pixel in reach) makes the guess's residual the scale.
  bNorm = Math.sqrt(bNorm) || 1;
  let rz = 0;
  let rNorm = 0;
  for (let i = 0; i < size; i++) {
    z[i] = r[i] * inverse[i];
    p[i] = z[i];
    rz += r[i] * z[i];
    rNorm += r[i] * r[i];
  }
  let iterations = 0;
  while (Math.sqrt(rNorm) > options.tolerance * bNorm && iterations < options.maxIterations && !options.shouldStop?.()) {
    system.multiply(p, q);
    let pq = 0;
    for (let i = 0; i < size; i++) pq += p[i] * q[i];
    if (pq <= 0) break;
    const step = rz / pq;
    let nextRz = 0;
    rNorm = 0;
    for (let i = 0; i < size; i++) {
      x[i] += step * p[i];
      r[i] -= step * q[i];
      z[i] = r[i] * inverse[i];
      nextRz += r[i] * z[i];
      rNorm += r[i] * r[i];
    }
    const beta = nextRz / rz;
    rz = nextRz;
    for (let i = 0; i < size; i++) p[i] = z[i] + beta * p[i];
    iterations++;
  }
  return { iterations, relativeResidual: Math.sqrt(rNorm) / bNorm };
}
