/** Integer translation of a single-channel plane; what moves in from outside is `fill`. */
export function translatePlane(src: Uint8Array, width: number, height: number, dx: number, dy: number, fill = 0): Uint8Array {
  const out = new Uint8Array(width * height).fill(fill);
  const x0 = Math.max(0, dx);
  const x1 = Math.min(width, width + dx);
  if (x1 <= x0) return out;
  for (let y = Math.max(0, dy); y < Math.min(height, height + dy); y++) {
    const from = (y - dy) * width - dx;
    out.set(src.subarray(from + x0, from + x1), y * width + x0);
  }
  return out;
}
