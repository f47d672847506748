/**
 * Splits a region between competing seeds: every pixel of the region goes to the seed label that
 * reaches it first through the region (8-connected breadth-first, i.e. geodesic chessboard distance).
 * A negative click thus removes the part of a region nearer to it than to any positive click.
 */

/** `seeds`: 0 none, otherwise a label. Returns each region pixel's label, 0 where no seed reaches (or outside the region). */
export function claimBySeeds(region: Uint8Array, seeds: Uint8Array, width: number, height: number, threshold = 128): Uint8Array {
  const n = width * height;
  const owner = new Uint8Array(n);
  const queue = new Int32Array(n);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < n; i++) {
    if (seeds[i] !== 0 && region[i] >= threshold) {
      owner[i] = seeds[i];
      queue[tail++] = i;
    }
  }
  while (head < tail) {
    const p = queue[head++];
    const x = p % width;
    const y = (p - x) / width;
    const label = owner[p];
    for (let dy = y > 0 ? -1 : 0; dy <= (y < height - 1 ? 1 : 0); dy++) {
      for (let dx = x > 0 ? -1 : 0; dx <= (x < width - 1 ? 1 : 0); dx++) {
        const q = p + dy * width + dx;
        if (owner[q] === 0 && region[q] >= threshold) {
          owner[q] = label;
          queue[tail++] = q;
        }
      }
    }
  }
  return owner;
}
