/** Exact Euclidean distance transforms (Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled Functions"). */

/**
 * 1-D lower envelope of parabolas: d[i] = min_j f[j] + (i − j)², in place over `f`;
 * the minimising j goes to `arg` when given.
 */
function envelope1d(f: Float64Array, n: number, v: Int32Array, z: Float64Array, d: Float64Array, arg?: Int32Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    if (f[q] === Infinity) continue;
    if (f[v[0]] === Infinity) {
      v[0] = q;
      continue;
    }
    let s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    while (s <= z[k]) {
      k--;
      s = (f[q] + q * q - (f[v[k]] + v[k] * v[k])) / (2 * q - 2 * v[k]);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  if (f[v[0]] === Infinity) {
    f.fill(Infinity, 0, n);
    arg?.fill(-1, 0, n);
    return;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1] < q) k++;
    const dq = q - v[k];
    d[q] = dq * dq + f[v[k]];
    if (arg) arg[q] = v[k];
  }
  for (let q = 0; q < n; q++) f[q] = d[q];
}

/** Squared distance from every pixel to the nearest feature (non-zero) pixel; Infinity when there is none. */
export function squaredDistanceTo(features: Uint8Array, width: number, height: number): Float64Array {
  const out = columnDistances(features, width, height);
  for (let i = 0; i < out.length; i++) out[i] *= out[i];
  // Rows: the exact envelope over the columns' squared distances.
  const f = new Float64Array(width);
  const d = new Float64Array(width);
  const v = new Int32Array(width);
  const z = new Float64Array(width + 1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) f[x] = out[row + x];
    envelope1d(f, width, v, z, d);
    out.set(f, row);
  }
  return out;
}

/**
 * Distance from every pixel to the nearest feature pixel in its own column (Infinity when none), by
 * two scans over whole rows (Meijster et al.): cache-friendly where a per-column pass strides through memory.
 */
export function columnDistances(features: Uint8Array, width: number, height: number): Float64Array {
  const out = new Float64Array(width * height);
  for (let x = 0; x < width; x++) out[x] = features[x] !== 0 ? 0 : Infinity;
  for (let y = 1; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) out[row + x] = features[row + x] !== 0 ? 0 : out[row - width + x] + 1;
  }
  for (let y = height - 2; y >= 0; y--) {
    const row = y * width;
    for (let x = 0; x < width; x++) if (out[row + width + x] + 1 < out[row + x]) out[row + x] = out[row + width + x] + 1;
  }
  return out;
}

/**
 * 1 at every pixel within `limit` (Euclidean, inclusive) of a feature, from the image's columnDistances.
 * Only pixels with a column within `limit` whose own distance is within it are tested exactly.
 */
export function pixelsWithin(columns: Float64Array, width: number, height: number, limit: number): Uint8Array {
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    // Distance along the row to the nearest column that is itself within the limit, before then after.
    let last = -Infinity;
    for (let x = 0; x < width; x++) {
      if (columns[row + x] <= limit) last = x;
      if (x - last <= limit) out[row + x] = 1;
    }
    let next = Infinity;
    for (let x = width - 1; x >= 0; x--) {
      if (columns[row + x] <= limit) next = x;
      if (next - x <= limit) out[row + x] = 1;
    }
    for (let x = 0; x < width; x++) if (out[row + x] && !withinDistance(columns, width, x, y, limit)) out[row + x] = 0;
  }
  return out;
}

/**
 * Whether pixel (x, y) lies within `limit` (Euclidean, inclusive) of a feature, from the image's
 * columnDistances: exact, and only the columns within `limit` are looked at (cheap for small limits).
 */
export function withinDistance(columns: Float64Array, width: number, x: number, y: number, limit: number): boolean {
  const limit2 = limit * limit;
  const row = y * width + x;
  // Nearest columns first: pixels near a feature, the common case in a band, answer at once.
  for (let dx = 0; dx <= limit; dx++) {
    const rest = limit2 - dx * dx;
    if (x - dx >= 0 && columns[row - dx] * columns[row - dx] <= rest) return true;
    if (x + dx < width && columns[row + dx] * columns[row + dx] <= rest) return true;
  }
  return false;
}

/** Index of the nearest feature (non-zero) pixel, exact Euclidean; −1 everywhere when there is none. */
export function nearestFeature(features: Uint8Array, width: number, height: number): Int32Array {
  const n = Math.max(width, height);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  const arg = new Int32Array(n);
  // Columns: squared distance to, and row of, the nearest feature in the same column, by a scan down
  // (the nearest above) and one up (the nearest below, kept only when strictly nearer: ties go up,
  // as the envelope's do), both over whole rows.
  const columnDistance = new Float64Array(width * height);
  const columnRow = new Int32Array(width * height).fill(-1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (features[row + x] !== 0) columnRow[row + x] = y;
      else if (y > 0) columnRow[row + x] = columnRow[row - width + x];
    }
  }
  const below = new Int32Array(width).fill(-1);
  for (let y = height - 1; y >= 0; y--) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (features[row + x] !== 0) below[x] = y;
      const above = columnRow[row + x];
      if (below[x] >= 0 && (above < 0 || below[x] - y < y - above)) columnRow[row + x] = below[x];
      const r = columnRow[row + x];
      columnDistance[row + x] = r < 0 ? Infinity : (r - y) * (r - y);
    }
  }
  // Rows: the best column, whose nearest row was found above.
  const out = new Int32Array(width * height);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) f[x] = columnDistance[row + x];
    envelope1d(f, width, v, z, d, arg);
    for (let x = 0; x < width; x++) {
      const column = arg[x];
      out[row + x] = column < 0 || f[x] === Infinity ? -1 : columnRow[row + column] * width + column;
    }
  }
  return out;
}

/**
 * Signed distance to the boundary of the region `mask >= threshold`: positive inside, negative outside,
 * ±0.5 on the pixels either side of the boundary (the contour runs between pixel centres).
 * An empty region gives −Infinity everywhere, a full one +Infinity.
 */
export function signedDistance(mask: Uint8Array, width: number, height: number, threshold = 128): Float32Array {
  const inside = new Uint8Array(width * height);
  const outside = new Uint8Array(width * height);
  for (let i = 0; i < inside.length; i++) {
    if (mask[i] >= threshold) inside[i] = 1;
    else outside[i] = 1;
  }
  const toInside = squaredDistanceTo(inside, width, height);
  const toOutside = squaredDistanceTo(outside, width, height);
  const out = new Float32Array(width * height);
  for (let i = 0; i < out.length; i++) {
    out[i] = inside[i] ? Math.sqrt(toOutside[i]) - 0.5 : 0.5 - Math.sqrt(toInside[i]);
  }
  return out;
}
