/**
 * Confidence-weighted guided filter (He, Sun, Tang, "Guided Image Filtering", 2010/2013), colour and
 * grey guides: alpha is fitted per window as a linear function of the guide's colour, each pixel
 * weighted by how much its input value is to be believed. Window sums come from summed-area tables,
 * so the fit is computed only where it is needed: at pixels within a window of one whose output is
 * wanted (a matting band is a small part of its tile).
 */

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
  /** 1 where the output is wanted; every pixel when omitted. Elsewhere the output is 0. */
  where?: Uint8Array;
}

/**
 * Per pixel, the weighted sums the fit needs (written at `out[o…]`), and the solve of one window's
 * coefficients from those sums (`a` per guide channel, then the offset). Means are ratios of sums to
 * the confidence's sum, so a window's pixel count cancels out.
 */
interface Model {
  sums: number;
  /** The `sums` values of pixels start … start + count − 1, interleaved, from out[o]. */
  fill(start: number, count: number, out: Float64Array, o: number): void;
  solve(s: Float64Array, o: number, coefficients: Float64Array, c: number): void;
}

export function weightedGuidedFilter(f: GuidedFilterInput): Float32Array {
  const { width, height, radius, guide } = f;
  const n = width * height;
  const where = f.where ?? new Uint8Array(n).fill(1);
  const model = guide.length === 3 ? colourModel(f) : greyModel(f);
  const sums = summedArea(width, height, model.sums, model.fill);
  // Coefficients where some wanted pixel's window reaches, zero elsewhere (no wanted window sees them).
  const needed = dilated(where, width, height, radius);
  const terms = guide.length + 1;
  const window = new Float64Array(model.sums);
  const coefficients = new Float64Array(n * terms);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!needed[i]) continue;
      windowSum(sums, width, height, model.sums, x, y, radius, window);
      model.solve(window, 0, coefficients, i * terms);
    }
  }
  // The output: the mean of the coefficients of the windows covering each wanted pixel, applied to its guide.
  const averaged = summedArea(width, height, terms, (start, count, out, o) => out.set(coefficients.subarray(start * terms, (start + count) * terms), o));
  const out = new Float32Array(n);
  const mean = new Float64Array(terms);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!where[i]) continue;
      const count = windowSum(averaged, width, height, terms, x, y, radius, mean);
      let q = mean[guide.length];
      for (let c = 0; c < guide.length; c++) q += mean[c] * guide[c][i];
      out[i] = q / count;
    }
  }
  return out;
}

function greyModel({ guide: [g], input: p, confidence: c, epsilon }: GuidedFilterInput): Model {
  return {
    sums: 5,
    fill(start, count, out, o) {
      for (let i = start; i < start + count; i++, o += 5) {
        const w = c[i],
          gw = g[i] * w;
        out[o] = w;
        out[o + 1] = gw;
        out[o + 2] = p[i] * w;
        out[o + 3] = gw * g[i];
        out[o + 4] = gw * p[i];
      }
    },
    solve(s, o, out, k) {
      const w = s[o] + 1e-9;
      const mug = s[o + 1] / w,
        mup = s[o + 2] / w;
      const a = (s[o + 4] / w - mug * mup) / (s[o + 3] / w - mug * mug + epsilon);
      out[k] = a;
      out[k + 1] = mup - a * mug;
    },
  };
}

function colourModel({ guide: [r, g, b], input: p, confidence: c, epsilon }: GuidedFilterInput): Model {
  return {
    sums: 14,
    fill(start, count, out, o) {
      for (let i = start; i < start + count; i++, o += 14) {
        const w = c[i],
          rw = r[i] * w,
          gw = g[i] * w,
          bw = b[i] * w,
          pi = p[i];
        out[o] = w;
        out[o + 1] = rw;
        out[o + 2] = gw;
        out[o + 3] = bw;
        out[o + 4] = pi * w;
        out[o + 5] = rw * r[i];
        out[o + 6] = rw * g[i];
        out[o + 7] = rw * b[i];
        out[o + 8] = gw * g[i];
        out[o + 9] = gw * b[i];
        out[o + 10] = bw * b[i];
        out[o + 11] = rw * pi;
        out[o + 12] = gw * pi;
        out[o + 13] = bw * pi;
      }
    },
    solve(s, o, out, k) {
      const w = s[o] + 1e-9;
      const ur = s[o + 1] / w,
        ug = s[o + 2] / w,
        ub = s[o + 3] / w,
        up = s[o + 4] / w;
      // Covariance of the guide in the window, regularised, and its covariance with the input.
      const srr = s[o + 5] / w - ur * ur + epsilon,
        srg = s[o + 6] / w - ur * ug,
        srb = s[o + 7] / w - ur * ub;
      const sgg = s[o + 8] / w - ug * ug + epsilon,
        sgb = s[o + 9] / w - ug * ub;
      const sbb = s[o + 10] / w - ub * ub + epsilon;
      const cr = s[o + 11] / w - ur * up,
        cg = s[o + 12] / w - ug * up,
        cb = s[o + 13] / w - ub * up;
      // Solve the symmetric 3×3 system by its adjugate.
      const i00 = sgg * sbb - sgb * sgb,
        i01 = srb * sgb - srg * sbb,
        i02 = srg * sgb - srb * sgg;
      const i11 = srr * sbb - srb * srb,
        i12 = srb * srg - srr * sgb;
      const i22 = srr * sgg - srg * srg;
      const det = srr * i00 + srg * i01 + srb * i02;
      const xr = (i00 * cr + i01 * cg + i02 * cb) / det;
      const xg = (i01 * cr + i11 * cg + i12 * cb) / det;
      const xb = (i02 * cr + i12 * cg + i22 * cb) / det;
      out[k] = xr;
      out[k + 1] = xg;
      out[k + 2] = xb;
      out[k + 3] = up - xr * ur - xg * ug - xb * ub;
    },
  };
}

/** Summed-area table of `k` interleaved channels, (width + 1) × (height + 1), row 0 and column 0 zero. */
function summedArea(width: number, height: number, k: number, fill: Model['fill']): Float64Array {
  const stride = (width + 1) * k;
  const table = new Float64Array(stride * (height + 1));
  for (let y = 0; y < height; y++) {
    // The row's values in place, then running sums along it, then the row above added.
    const here = (y + 1) * stride + k;
    fill(y * width, width, table, here);
    for (let t = here + k; t < here + width * k; t++) table[t] += table[t - k];
    for (let t = here; t < here + width * k; t++) table[t] += table[t - stride];
  }
  return table;
}

/** The `k` sums over the window of `radius` around (x, y), clipped to the image, into `out`; returns the window's pixel count. */
function windowSum(table: Float64Array, width: number, height: number, k: number, x: number, y: number, radius: number, out: Float64Array): number {
  const x0 = Math.max(0, x - radius),
    x1 = Math.min(width, x + radius + 1);
  const y0 = Math.max(0, y - radius),
    y1 = Math.min(height, y + radius + 1);
  const stride = (width + 1) * k;
  const a = y0 * stride + x0 * k,
    b = y0 * stride + x1 * k,
    c = y1 * stride + x0 * k,
    d = y1 * stride + x1 * k;
  for (let t = 0; t < k; t++) out[t] = table[d + t] - table[b + t] - table[c + t] + table[a + t];
  return (x1 - x0) * (y1 - y0);
}

/** 1 within `radius` (square window) of a set pixel: the nearest set pixel before and after, along rows then columns. */
function dilated(mask: Uint8Array, width: number, height: number, radius: number): Uint8Array {
  const along = (src: Uint8Array, out: Uint8Array, count: number, length: number, start: (line: number) => number, step: number) => {
    for (let line = 0; line < count; line++) {
      const first = start(line);
      let last = -Infinity;
      for (let t = 0; t < length; t++) {
        if (src[first + t * step]) last = t;
        if (t - last <= radius) out[first + t * step] = 1;
      }
      last = Infinity;
      for (let t = length - 1; t >= 0; t--) {
        if (src[first + t * step]) last = t;
        if (last - t <= radius) out[first + t * step] = 1;
      }
    }
  };
  const rows = new Uint8Array(width * height);
  along(mask, rows, height, width, (y) => y * width, 1);
  const out = new Uint8Array(width * height);
  along(rows, out, width, height, (x) => x, width);
  return out;
}
