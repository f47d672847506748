/** Bilinear resampling straight from its definition, one output pixel at a time: the reference fast paths are checked against. */

/** Source coordinate of output index i (align_corners=false), clamped to the source. */
function sourceAt(i: number, src: number, dst: number): number {
  return Math.min(Math.max((i + 0.5) * (src / dst) - 0.5, 0), src - 1);
}

/** Value at output (x, y) of a src width×height map read through `at(sx, sy)` resized to dstWidth×dstHeight. */
export function bilinearAt(at: (sx: number, sy: number) => number, size: [number, number, number, number], x: number, y: number): number {
  const [width, height, dstWidth, dstHeight] = size;
  const sx = sourceAt(x, width, dstWidth);
  const sy = sourceAt(y, height, dstHeight);
  const [x0, y0] = [Math.floor(sx), Math.floor(sy)];
  const [x1, y1] = [Math.min(x0 + 1, width - 1), Math.min(y0 + 1, height - 1)];
  const [wx, wy] = [sx - x0, sy - y0];
  return (at(x0, y0) * (1 - wx) + at(x1, y0) * wx) * (1 - wy) + (at(x0, y1) * (1 - wx) + at(x1, y1) * wx) * wy;
}

export function randomMap(width: number, height: number, spread: number): { width: number; height: number; data: Float32Array } {
  return { width, height, data: Float32Array.from({ length: width * height }, () => (Math.random() * 2 - 1) * spread) };
}

/** Largest |a[i] − b[i]|. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}
