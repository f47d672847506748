/** Tracker masks → pixels the viewer can draw. */
import type { GrayImage } from '../../shared/media';

export type Rgb = readonly [number, number, number];

/** Bilinear resize with pixel centres aligned, so a coarse tracker mask lands smoothly on the frame. */
export function resizeGray(src: GrayImage, width: number, height: number): GrayImage {
  if (src.width === width && src.height === height) return src;
  const out = new Uint8Array(width * height);
  const sx = src.width / width;
  const sy = src.height / height;
  const maxX = src.width - 1;
  const maxY = src.height - 1;
  // Column weights are the same on every row: compute them once.
  const x0s = new Int32Array(width);
  const x1s = new Int32Array(width);
  const fxs = new Float32Array(width);
  for (let x = 0; x < width; x++) {
    const fx = Math.min(maxX, Math.max(0, (x + 0.5) * sx - 0.5));
    x0s[x] = Math.floor(fx);
    x1s[x] = Math.min(maxX, x0s[x] + 1);
    fxs[x] = fx - x0s[x];
  }
  for (let y = 0; y < height; y++) {
    const fy = Math.min(maxY, Math.max(0, (y + 0.5) * sy - 0.5));
    const y0 = Math.floor(fy);
    const wy = fy - y0;
    const row0 = y0 * src.width;
    const row1 = Math.min(maxY, y0 + 1) * src.width;
    for (let x = 0; x < width; x++) {
      const wx = fxs[x];
      const top = src.data[row0 + x0s[x]] * (1 - wx) + src.data[row0 + x1s[x]] * wx;
      const bottom = src.data[row1 + x0s[x]] * (1 - wx) + src.data[row1 + x1s[x]] * wx;
      out[y * width + x] = Math.round(top * (1 - wy) + bottom * wy);
    }
  }
  return { width, height, data: out };
}

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
