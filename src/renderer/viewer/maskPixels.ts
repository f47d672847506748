/** Tracker masks → pixels the viewer can draw. */
import type { OverlayMode } from '../../shared/api';
import type { GrayImage } from '../../shared/media';

export type Rgb = readonly [number, number, number];

export interface TintedMask {
  /** Probability 0..255, already at the overlay's size. */
  mask: GrayImage;
  color: Rgb;
  /** Opacity of the tint inside, 0..1 (scaled by the probability), and of the outline; 0 draws none. */
  fill: number;
  outline: number;
}

/** Tracker decision boundary. */
const THRESHOLD = 128;

/**
 * An object's overlay choice as opacities: the outline marks the tracker's actual cut, so it is drawn
 * twice as strong as the tint and stays readable where a tint would be faint.
 */
export function overlayStyle(mode: OverlayMode, opacity: number): { fill: number; outline: number } {
  return { fill: mode === 'outline' ? 0 : opacity, outline: mode === 'fill' ? 0 : Math.min(1, 2 * opacity) };
}

/** Outline width in image pixels: about one screen pixel or more when a frame is fitted to a viewer. */
export const outlineWidth = (imageWidth: number) => Math.max(1, Math.round(imageWidth / 640));

/**
 * 1 where an inside pixel lies within `width` pixels (chessboard distance) of an outside one; pixels
 * beyond the image count as inside, so a mask touching the border is not outlined along it.
 */
export function outlineBand(mask: GrayImage, width: number): Uint8Array {
  const { width: w, height: h, data } = mask;
  const outside = new Uint8Array(w * h);
  for (let i = 0; i < outside.length; i++) outside[i] = data[i] < THRESHOLD ? 1 : 0;
  // Separable dilation of the outside: along rows, then along columns.
  const rows = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) dilateLine(outside, rows, y * w, 1, w, width);
  const near = new Uint8Array(w * h);
  for (let x = 0; x < w; x++) dilateLine(rows, near, x, w, h, width);
  for (let i = 0; i < near.length; i++) near[i] = near[i] && !outside[i] ? 1 : 0;
  return near;
}

/** out[k] = 1 where src has a 1 within `radius` steps along one line (start, stride, length). */
function dilateLine(src: Uint8Array, out: Uint8Array, start: number, stride: number, length: number, radius: number): void {
  let count = 0;
  for (let k = 0; k < Math.min(radius, length); k++) count += src[start + k * stride];
  for (let k = 0; k < length; k++) {
    if (k + radius < length) count += src[start + (k + radius) * stride];
    if (k - radius - 1 >= 0) count -= src[start + (k - radius - 1) * stride];
    out[start + k * stride] = count > 0 ? 1 : 0;
  }
}

/** RGBA overlay: each mask's tint (following the probability) and outline, later masks over earlier ones. */
export function overlayPixels(masks: TintedMask[], width: number, height: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  const band = outlineWidth(width);
  for (const { mask, color, fill, outline } of masks) {
    const p = mask.data;
    const edge = outline > 0 ? outlineBand(mask, band) : null;
    for (let i = 0; i < p.length; i++) {
      const alpha = edge?.[i] ? outline : (p[i] / 255) * fill;
      if (alpha > 0) blendOver(out, i * 4, color, alpha);
    }
  }
  return out;
}

/** Straight-alpha "over" of a flat colour onto out[o..o+3]. */
function blendOver(out: Uint8ClampedArray, o: number, color: Rgb, alpha: number): void {
  const below = out[o + 3] / 255;
  const a = alpha + below * (1 - alpha);
  for (let c = 0; c < 3; c++) out[o + c] = (color[c] * alpha + out[o + c] * below * (1 - alpha)) / a;
  out[o + 3] = a * 255;
}

/** Several objects' masks (already width x height) as one: the most likely object at each pixel. */
export function mergeMasks(masks: readonly GrayImage[], width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (const m of masks) {
    for (let i = 0; i < data.length; i++) if (m.data[i] > data[i]) data[i] = m.data[i];
  }
  return { width, height, data };
}
