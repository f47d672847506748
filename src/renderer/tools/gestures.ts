/** Pointer gestures on the viewer → prompt geometry, in source pixels. */
import type { BoxPrompt } from '../../shared/prompts';
import type { Point, Size } from '../viewer/viewTransform';

/** Screen pixels a press may wander and still count as a click. */
export const CLICK_TOLERANCE = 4;
/** Boxes smaller than this (source pixels) are taken as slips, not boxes. */
const MIN_BOX_SIDE = 2;

export function isClick(down: Point, up: Point): boolean {
  return Math.hypot(up.x - down.x, up.y - down.y) <= CLICK_TOLERANCE;
}

export function isInside(p: Point, size: Size): boolean {
  return p.x >= 0 && p.y >= 0 && p.x < size.width && p.y < size.height;
}

export function clampToImage(p: Point, size: Size): Point {
  return { x: Math.min(size.width, Math.max(0, p.x)), y: Math.min(size.height, Math.max(0, p.y)) };
}

/** A box from two drag corners in any order, clipped to the image; null when too small. */
export function boxFromDrag(a: Point, b: Point, size: Size): BoxPrompt | null {
  const p = clampToImage(a, size);
  const q = clampToImage(b, size);
  const box: BoxPrompt = { kind: 'box', x0: Math.min(p.x, q.x), y0: Math.min(p.y, q.y), x1: Math.max(p.x, q.x), y1: Math.max(p.y, q.y) };
  return box.x1 - box.x0 < MIN_BOX_SIDE || box.y1 - box.y0 < MIN_BOX_SIDE ? null : box;
}

/**
 * Appends a point to a flattened polyline unless it is closer than minStep to the last one,
 * which keeps strokes compact without changing their shape at the brush's scale.
 */
export function extendStroke(points: readonly number[], p: Point, minStep: number): number[] {
  const n = points.length;
  if (n >= 2 && Math.hypot(p.x - points[n - 2], p.y - points[n - 1]) < minStep) return points as number[];
  return [...points, p.x, p.y];
}

/** Source coordinates rounded to a tenth of a pixel: precise enough, short on the wire. */
export function roundPoint(p: Point): Point {
  return { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
}
