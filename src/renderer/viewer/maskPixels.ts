/** Tracker masks → pixels the viewer can draw. */
import type { GrayImage } from '../../shared/media';

export type Rgb = readonly [number, number, number];

export interface TintedMask {
  /** Probability 0..255, already at the overlay's size. */
  mask: GrayImage;
  color: Rgb;
}

/** Tracker decision boundary. */
const THRESHOLD = 128;

/**
 * RGBA overlay: each mask tinted in its colour (opacity follows the probability) with an opaque
 * outline along the decision boundary, so soft edges and the tracker's actual cut both show.
 */
export function overlayPixels(masks: TintedMask[], width: number, height: number, fillOpacity = 0.45): Uint8ClampedArray {
  const out = new Uint8ClampedArray(width * height * 4);
  for (const { mask, color } of masks) {
    const p = mask.data;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = y * width + x;
        const inside = p[i] >= THRESHOLD;
        const edge =
          inside &&
          ((x > 0 && p[i - 1] < THRESHOLD) ||
            (x < width - 1 && p[i + 1] < THRESHOLD) ||
            (y > 0 && p[i - width] < THRESHOLD) ||
            (y < height - 1 && p[i + width] < THRESHOLD));
        const alpha = edge ? 1 : (p[i] / 255) * fillOpacity;
        if (alpha <= 0) continue;
        blendOver(out, i * 4, color, alpha);
      }
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
