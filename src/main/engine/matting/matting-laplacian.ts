/**
 * The matting Laplacian of Levin, Lischinski and Weiss ("A Closed-Form Solution to Natural Image
 * Matting", 2008) over 3×3 windows, restricted to the unknown pixels: known pixels are hard
 * constraints, so the system is L_uu α_u = −L_uk α_k. Each unknown pixel's row has at most 25
 * entries (the 5×5 pixels that share a window with it): assembled in a dense band per row, then
 * compacted to compressed rows, whose product has no branches (about 2x faster, the solver's main cost).
 */

/** Offsets of a row's 25 band entries: (dy + 2) · 5 + (dx + 2). */
const BAND = 25;
const CENTRE = 12;

export interface LaplacianSystem {
  /** Pixel index of each unknown. */
  pixels: Int32Array;
  /** Row u's entries are rowStart[u] … rowStart[u + 1] − 1 of columns and values. */
  rowStart: Int32Array;
  /** Column (unknown index) of each entry. */
  columns: Int32Array;
  values: Float64Array;
  diagonal: Float64Array;
  /** Right-hand side −L_uk α_k. */
  rhs: Float64Array;
}

export interface LaplacianInput {
  width: number;
  height: number;
  /** RGBA, 0..255. */
  rgba: Uint8Array;
  /** 1 where alpha is unknown. */
  unknown: Uint8Array;
  /** Alpha 0..1 of known pixels (ignored where unknown). */
  known: Float32Array;
  /** Regularisation of the colour covariance (Levin et al. use 1e-7). */
  epsilon: number;
}

export function mattingLaplacian({ width, height, rgba, unknown, known, epsilon }: LaplacianInput): LaplacianSystem {
  const n = width * height;
  const index = new Int32Array(n).fill(-1);
  let count = 0;
  for (let i = 0; i < n; i++) if (unknown[i]) index[i] = count++;
  const pixels = new Int32Array(count);
  for (let i = 0; i < n; i++) if (unknown[i]) pixels[index[i]] = i;
  const band = new Float64Array(count * BAND);
  const rhs = new Float64Array(count);

  const window = new Int32Array(9);
  const d = new Float64Array(27);
  const v = new Float64Array(27);
  const regulariser = epsilon / 9;
  for (let cy = 1; cy < height - 1; cy++) {
    for (let cx = 1; cx < width - 1; cx++) {
      let touchesUnknown = false;
      for (let k = 0; k < 9; k++) {
        const p = (cy + ((k / 3) | 0) - 1) * width + cx + (k % 3) - 1;
        window[k] = p;
        if (unknown[p]) touchesUnknown = true;
      }
      if (!touchesUnknown) continue;
      // Colour mean and covariance of the window, then (Σ + ε/9·I)⁻¹ applied to each centred colour.
      let mr = 0,
        mg = 0,
        mb = 0;
      for (let k = 0; k < 9; k++) {
        const q = 4 * window[k];
        mr += rgba[q];
        mg += rgba[q + 1];
        mb += rgba[q + 2];
      }
      mr /= 9 * 255;
      mg /= 9 * 255;
      mb /= 9 * 255;
      let srr = 0,
        srg = 0,
        srb = 0,
        sgg = 0,
        sgb = 0,
        sbb = 0;
      for (let k = 0; k < 9; k++) {
        const q = 4 * window[k];
        const r = rgba[q] / 255 - mr,
          g = rgba[q + 1] / 255 - mg,
          b = rgba[q + 2] / 255 - mb;
        d[3 * k] = r;
        d[3 * k + 1] = g;
        d[3 * k + 2] = b;
        srr += r * r;
        srg += r * g;
        srb += r * b;
        sgg += g * g;
        sgb += g * b;
        sbb += b * b;
      }
      srr = srr / 9 + regulariser;
      sgg = sgg / 9 + regulariser;
      sbb = sbb / 9 + regulariser;
      srg /= 9;
      srb /= 9;
      sgb /= 9;
      const i00 = sgg * sbb - sgb * sgb,
        i01 = srb * sgb - srg * sbb,
        i02 = srg * sgb - srb * sgg;
      const i11 = srr * sbb - srb * srb,
        i12 = srb * srg - srr * sgb,
        i22 = srr * sgg - srg * srg;
      const det = srr * i00 + srg * i01 + srb * i02;
      for (let k = 0; k < 9; k++) {
        const r = d[3 * k],
          g = d[3 * k + 1],
          b = d[3 * k + 2];
        v[3 * k] = (i00 * r + i01 * g + i02 * b) / det;
        v[3 * k + 1] = (i01 * r + i11 * g + i12 * b) / det;
        v[3 * k + 2] = (i02 * r + i12 * g + i22 * b) / det;
      }
      for (let a = 0; a < 9; a++) {
        const row = index[window[a]];
        if (row < 0) continue;
        const ay = (a / 3) | 0,
          ax = a % 3;
        const base = row * BAND;
        for (let b = 0; b < 9; b++) {
          const weight = (a === b ? 1 : 0) - (1 + d[3 * a] * v[3 * b] + d[3 * a + 1] * v[3 * b + 1] + d[3 * a + 2] * v[3 * b + 2]) / 9;
          const column = index[window[b]];
          if (column < 0) rhs[row] -= weight * known[window[b]];
          else band[base + (((b / 3) | 0) - ay + 2) * 5 + (b % 3) - ax + 2] += weight;
        }
      }
    }
  }
  return compact(pixels, band, index, width, height, rhs);
}

/** Compressed rows of the band, leaving out known and outside neighbours. */
function compact(pixels: Int32Array, band: Float64Array, index: Int32Array, width: number, height: number, rhs: Float64Array): LaplacianSystem {
  const count = pixels.length;
  const rowStart = new Int32Array(count + 1);
  const columns = new Int32Array(count * BAND);
  const values = new Float64Array(count * BAND);
  const diagonal = new Float64Array(count);
  let k = 0;
  for (let u = 0; u < count; u++) {
    rowStart[u] = k;
    diagonal[u] = band[u * BAND + CENTRE];
    const p = pixels[u];
    const x = p % width,
      y = (p - x) / width;
    for (let o = 0; o < BAND; o++) {
      const xx = x + (o % 5) - 2,
        yy = y + ((o / 5) | 0) - 2;
      if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
      const column = index[yy * width + xx];
      if (column < 0) continue;
      columns[k] = column;
      values[k++] = band[u * BAND + o];
    }
  }
  rowStart[count] = k;
  return { pixels, rowStart, columns: columns.slice(0, k), values: values.slice(0, k), diagonal, rhs };
}

/** y = A x. */
export function multiply({ rowStart, columns, values }: LaplacianSystem, x: Float64Array, y: Float64Array): void {
  for (let u = 0; u < y.length; u++) {
    let sum = 0;
    const end = rowStart[u + 1];
    for (let k = rowStart[u]; k < end; k++) sum += values[k] * x[columns[k]];
    y[u] = sum;
  }
}
