/**
 * Confidence-weighted guided filter (He, Sun, Tang, "Guided Image Filtering", 2010/2013), colour and
 * grey guides: alpha is fitted per window as a linear function of the guide's colour, each pixel
 * weighted by how much its input value is to be believed. All means are O(1) box filters.
 */
import { boxMean } from '../../imaging/box-filter';

export interface GuidedFilterInput {
  width: number;
  height: number;
  /** Guide channels in [0, 1]: three for colour, one for grey. */
  guide: Float32Array[];
  /** The values to filter. */
  input: Float32Array;
  /** Belief in each input value, > 0 somewhere in every window for a meaningful fit. */
  confidence: Float32Array;
  radius: number;
  /** Regularisation: larger gives flatter (less edge-following) fits. */
  epsilon: number;
}

interface Coefficients {
  /** Per guide channel, then the offset: alpha ≈ Σ a[c]·guide[c] + b, each already averaged over the windows. */
  a: Float32Array[];
  b: Float32Array;
}

export function weightedGuidedFilter(f: GuidedFilterInput): Float32Array {
  return apply(f.guide.length === 3 ? fitColour(f) : fitGrey(f), f.guide);
}

function apply({ a, b }: Coefficients, guide: Float32Array[]): Float32Array {
  const out = b.slice();
  for (let c = 0; c < guide.length; c++) {
    const ac = a[c];
    const g = guide[c];
    for (let i = 0; i < out.length; i++) out[i] += ac[i] * g[i];
  }
  return out;
}

function product(a: Float32Array, b: Float32Array, c?: Float32Array): Float32Array {
  const out = new Float32Array(a.length);
  if (c) for (let i = 0; i < a.length; i++) out[i] = a[i] * b[i] * c[i];
  else for (let i = 0; i < a.length; i++) out[i] = a[i] * b[i];
  return out;
}

function fitGrey({ width, height, guide: [g], input: p, confidence: c, radius, epsilon }: GuidedFilterInput): Coefficients {
  const mean = (x: Float32Array) => boxMean(x, width, height, radius);
  const n = width * height;
  const mc = mean(c);
  const mg = mean(product(c, g));
  const mp = mean(product(c, p));
  const mgg = mean(product(c, g, g));
  const mgp = mean(product(c, g, p));
  const a = new Float32Array(n);
  const b = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const w = mc[i] + 1e-9;
    const mug = mg[i] / w;
    const mup = mp[i] / w;
    const ai = (mgp[i] / w - mug * mup) / (mgg[i] / w - mug * mug + epsilon);
    a[i] = ai;
    b[i] = mup - ai * mug;
  }
  return { a: [mean(a)], b: mean(b) };
}

function fitColour({ width, height, guide: [r, g, b], input: p, confidence: c, radius, epsilon }: GuidedFilterInput): Coefficients {
  const mean = (x: Float32Array) => boxMean(x, width, height, radius);
  const n = width * height;
  const mc = mean(c);
  const mr = mean(product(c, r)), mg = mean(product(c, g)), mb = mean(product(c, b));
  const mp = mean(product(c, p));
  const mrr = mean(product(c, r, r)), mrg = mean(product(c, r, g)), mrb = mean(product(c, r, b));
  const mgg = mean(product(c, g, g)), mgb = mean(product(c, g, b)), mbb = mean(product(c, b, b));
  const mrp = mean(product(c, r, p)), mgp = mean(product(c, g, p)), mbp = mean(product(c, b, p));
  const ar = new Float32Array(n), ag = new Float32Array(n), ab = new Float32Array(n), offset = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const w = mc[i] + 1e-9;
    const ur = mr[i] / w, ug = mg[i] / w, ub = mb[i] / w, up = mp[i] / w;
    // Covariance of the guide in the window, regularised, and its covariance with the input.
    const srr = mrr[i] / w - ur * ur + epsilon, srg = mrg[i] / w - ur * ug, srb = mrb[i] / w - ur * ub;
    const sgg = mgg[i] / w - ug * ug + epsilon, sgb = mgb[i] / w - ug * ub;
    const sbb = mbb[i] / w - ub * ub + epsilon;
    const cr = mrp[i] / w - ur * up, cg = mgp[i] / w - ug * up, cb = mbp[i] / w - ub * up;
    // Solve the symmetric 3×3 system by its adjugate.
    const i00 = sgg * sbb - sgb * sgb, i01 = srb * sgb - srg * sbb, i02 = srg * sgb - srb * sgg;
    const i11 = srr * sbb - srb * srb, i12 = srb * srg - srr * sgb;
    const i22 = srr * sgg - srg * srg;
    const det = srr * i00 + srg * i01 + srb * i02;
    const xr = (i00 * cr + i01 * cg + i02 * cb) / det;
    const xg = (i01 * cr + i11 * cg + i12 * cb) / det;
    const xb = (i02 * cr + i12 * cg + i22 * cb) / det;
    ar[i] = xr;
    ag[i] = xg;
    ab[i] = xb;
    offset[i] = up - xr * ur - xg * ug - xb * ub;
  }
  return { a: [mean(ar), mean(ag), mean(ab)], b: mean(offset) };
}
