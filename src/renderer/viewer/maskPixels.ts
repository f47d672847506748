/** How tracker masks are drawn: each object's colour, tint and outline (overlayCanvas draws them). */
import type { OverlayMode } from '../../shared/api';
import type { GrayImage } from '../../shared/media';

export type Rgb = readonly [number, number, number];

export interface TintedMask {
  /** Probability 0..255 at the tracker's size; drawn scaled to the overlay (bilinear), its boundary at 128. */
  mask: GrayImage;
  color: Rgb;
  /** Opacity of the tint inside, 0..1 (scaled by the probability), and of the outline; 0 draws none. */
  fill: number;
  outline: number;
}

/**
 * An object's overlay choice as opacities: the outline marks the tracker's actual cut, so it is drawn
 * twice as strong as the tint and stays readable where a tint would be faint.
 */
export function overlayStyle(mode: OverlayMode, opacity: number): { fill: number; outline: number } {
  return { fill: mode === 'outline' ? 0 : opacity, outline: mode === 'fill' ? 0 : Math.min(1, 2 * opacity) };
}

/** Outline width in image pixels: about one screen pixel or more when a frame is fitted to a viewer. */
export const outlineWidth = (imageWidth: number) => Math.max(1, Math.round(imageWidth / 640));

/** Several objects' masks (already width x height) as one: the most likely object at each pixel. */
export function mergeMasks(masks: readonly GrayImage[], width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (const m of masks) {
    for (let i = 0; i < data.length; i++) if (m.data[i] > data[i]) data[i] = m.data[i];
  }
  return { width, height, data };
}
