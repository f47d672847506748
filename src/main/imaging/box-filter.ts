/**
 * Mean over a (2r+1)² window, windows clipped at the border (the mean of the pixels that exist),
 * in O(1) per pixel: separable running sums, accumulated in float64 so long rows do not drift.
 */
export function boxMean(src: Float32Array, width: number, height: number, radius: number, out = new Float32Array(width * height)): Float32Array {
  if (radius <= 0) {
    out.set(src);
    return out;
  }
  const horizontal = new Float32Array(width * height);
  const rowCounts = windowCounts(width, radius);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let x = 0; x < Math.min(radius, width); x++) sum += src[row + x];
    // Three spans so that the long middle one runs without bounds checks.
    const enterEnd = Math.max(0, Math.min(width, width - radius));
    const leaveStart = Math.min(width, radius + 1);
    let x = 0;
    for (; x < Math.min(leaveStart, enterEnd); x++) {
      sum += src[row + x + radius];
      horizontal[row + x] = sum * rowCounts[x];
    }
    for (; x < enterEnd; x++) {
      sum += src[row + x + radius] - src[row + x - radius - 1];
      horizontal[row + x] = sum * rowCounts[x];
    }
    for (; x < width; x++) {
      if (x + radius < width) sum += src[row + x + radius];
      if (x - radius - 1 >= 0) sum -= src[row + x - radius - 1];
      horizontal[row + x] = sum * rowCounts[x];
    }
  }
  // Vertical pass row by row (cache friendly): one running sum per column.
  const columnCounts = windowCounts(height, radius);
  const sums = new Float64Array(width);
  for (let y = 0; y < Math.min(radius, height); y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) sums[x] += horizontal[row + x];
  }
  for (let y = 0; y < height; y++) {
    const enter = y + radius;
    const leave = y - radius - 1;
    const scale = columnCounts[y];
    const row = y * width;
    if (enter < height && leave >= 0) {
      const add = enter * width;
      const sub = leave * width;
      for (let x = 0; x < width; x++) {
        const s = sums[x] + horizontal[add + x] - horizontal[sub + x];
        sums[x] = s;
        out[row + x] = s * scale;
      }
      continue;
    }
    if (enter < height) for (let x = 0, add = enter * width; x < width; x++) sums[x] += horizontal[add + x];
    if (leave >= 0) for (let x = 0, sub = leave * width; x < width; x++) sums[x] -= horizontal[sub + x];
    for (let x = 0; x < width; x++) out[row + x] = sums[x] * scale;
  }
  return out;
}

/** 1 / (number of samples in the clipped window) at each position along one axis. */
function windowCounts(size: number, radius: number): Float64Array {
  const out = new Float64Array(size);
  for (let i = 0; i < size; i++) out[i] = 1 / (Math.min(i + radius, size - 1) - Math.max(i - radius, 0) + 1);
  return out;
}
