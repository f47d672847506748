/** The viewer's transform: screen = offset + image · scale, relative to the viewer's top-left. */

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface ViewTransform {
  scale: number;
  offsetX: number;
  offsetY: number;
}

export const MIN_SCALE = 1 / 32;
export const MAX_SCALE = 64;
/** Screen pixels left free around a fitted image, so its edges stay visible. */
const FIT_MARGIN = 16;

export const IDENTITY_VIEW: ViewTransform = { scale: 1, offsetX: 0, offsetY: 0 };

const clampScale = (scale: number): number => Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));

export function screenToImage(view: ViewTransform, p: Point): Point {
  return { x: (p.x - view.offsetX) / view.scale, y: (p.y - view.offsetY) / view.scale };
}

export function imageToScreen(view: ViewTransform, p: Point): Point {
  return { x: view.offsetX + p.x * view.scale, y: view.offsetY + p.y * view.scale };
}

/** The whole image, centred, as large as the viewport allows. */
export function fitView(image: Size, viewport: Size): ViewTransform {
  const room = { width: Math.max(1, viewport.width - 2 * FIT_MARGIN), height: Math.max(1, viewport.height - 2 * FIT_MARGIN) };
  const scale = clampScale(Math.min(room.width / image.width, room.height / image.height));
  return {
    scale,
    offsetX: (viewport.width - image.width * scale) / 2,
    offsetY: (viewport.height - image.height * scale) / 2,
  };
}

/** Set the scale while the image point under anchor (screen) stays under it. */
export function zoomTo(view: ViewTransform, anchor: Point, scale: number): ViewTransform {
  const next = clampScale(scale);
  const fixed = screenToImage(view, anchor);
  return { scale: next, offsetX: anchor.x - fixed.x * next, offsetY: anchor.y - fixed.y * next };
}

export function zoomAt(view: ViewTransform, anchor: Point, factor: number): ViewTransform {
  return zoomTo(view, anchor, view.scale * factor);
}

/** One image pixel per screen pixel, keeping the centre of the viewport where it is. */
export function actualPixelsView(view: ViewTransform, viewport: Size): ViewTransform {
  return zoomTo(view, { x: viewport.width / 2, y: viewport.height / 2 }, 1);
}

export function panBy(view: ViewTransform, dx: number, dy: number): ViewTransform {
  return { ...view, offsetX: view.offsetX + dx, offsetY: view.offsetY + dy };
}

/** Wheel delta → zoom factor; pixel and line deltas feel alike, trackpads stay smooth. */
export function wheelZoomFactor(deltaY: number, deltaMode: number): number {
  const pixels = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-pixels * 0.0015);
}
