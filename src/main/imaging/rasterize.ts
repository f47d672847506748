/**
 * Drawing prompts into a mask at another resolution. Coordinates are source pixels; `scale` maps
 * them to the target (target size / source size), pixel centres aligned (align_corners=false).
 */
import type { GrayImage } from '../../shared/media';

/** The nearest target pixel of a point always lies within this radius, so nothing vanishes when small. */
const MIN_RADIUS = Math.SQRT1_2;

function toTarget(coordinate: number, scale: number): number {
  return (coordinate + 0.5) * scale - 0.5;
}

/** Sets every pixel within `radius` (source pixels) of the segment a–b (target coordinates). */
function fillCapsule(target: GrayImage, ax: number, ay: number, bx: number, by: number, radius: number, value: number): void {
  const { width, height, data } = target;
  const x0 = Math.max(0, Math.ceil(Math.min(ax, bx) - radius));
  const x1 = Math.min(width - 1, Math.floor(Math.max(ax, bx) + radius));
  const y0 = Math.max(0, Math.ceil(Math.min(ay, by) - radius));
  const y1 = Math.min(height - 1, Math.floor(Math.max(ay, by) + radius));
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const r2 = radius * radius;
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const t = length2 > 0 ? Math.min(1, Math.max(0, ((x - ax) * dx + (y - ay) * dy) / length2)) : 0;
      const ex = x - ax - t * dx;
      const ey = y - ay - t * dy;
      if (ex * ex + ey * ey <= r2) data[y * width + x] = value;
    }
  }
}

export function fillDisk(target: GrayImage, x: number, y: number, radius: number, value: number, scale = 1): void {
  const cx = toTarget(x, scale);
  const cy = toTarget(y, scale);
  fillCapsule(target, cx, cy, cx, cy, Math.max(radius * scale, MIN_RADIUS), value);
}

/** A brush stroke: the polyline [x0, y0, x1, y1, ...] drawn `radius` thick on each side. */
export function fillStroke(target: GrayImage, points: readonly number[], radius: number, value: number, scale = 1): void {
  const r = Math.max(radius * scale, MIN_RADIUS);
  if (points.length === 2) return fillDisk(target, points[0], points[1], radius, value, scale);
  for (let i = 0; i + 3 < points.length; i += 2) {
    fillCapsule(target, toTarget(points[i], scale), toTarget(points[i + 1], scale), toTarget(points[i + 2], scale), toTarget(points[i + 3], scale), r, value);
  }
}

/** The box with corners (x0, y0) and (x1, y1), both inclusive, in any order; at least one pixel. */
export function fillBox(target: GrayImage, x0: number, y0: number, x1: number, y1: number, value: number, scale = 1): void {
  const range = (a: number, b: number, size: number): [number, number] => {
    // Pixels whose centres fall in the box's extent [min, max + 1) in source coordinates.
    const lo = Math.ceil(Math.min(a, b) * scale - 0.5);
    const hi = Math.max(lo, Math.ceil((Math.max(a, b) + 1) * scale - 0.5) - 1);
    return [Math.max(0, lo), Math.min(size - 1, hi)];
  };
  const [xa, xb] = range(x0, x1, target.width);
  const [ya, yb] = range(y0, y1, target.height);
  for (let y = ya; y <= yb; y++) target.data.fill(value, y * target.width + xa, y * target.width + xb + 1);
}
