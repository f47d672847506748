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
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let sum = 0;
    for (let x = 0; x < Math.min(radius, width); x++) sum += src[row + x];
    for (let x = 0; x < width; x++) {
      const enter = x + radius;
      const leave = x - radius - 1;
      if (enter < width) sum += src[row + enter];
      if (leave >= 0) sum -= src[row + leave];
      horizontal[row + x] = sum / (Math.min(enter, width - 1) - Math.max(leave, -1));
    }
  }
  // Vertical pass row by row (cache friendly): one running sum per column.
  const sums = new Float64Array(width);
  for (let y = 0; y < Math.min(radius, height); y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) sums[x] += horizontal[row + x];
  }
  for (let y = 0; y < height; y++) {
    const enter = y + radius;
    const leave = y - radius - 1;
    if (enter < height) {
      const row = enter * width;
      for (let x = 0; x < width; x++) sums[x] += horizontal[row + x];
    }
    if (leave >= 0) {
      const row = leave * width;
      for (let x = 0; x < width; x++) sums[x] -= horizontal[row + x];
    }
    const count = Math.min(enter, height - 1) - Math.max(leave, -1);
    const row = y * width;
    for (let x = 0; x < width; x++) out[row + x] = sums[x] / count;
  }
  return out;
}
