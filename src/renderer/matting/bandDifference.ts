/**
 * Where the final matte differs from the preview, inside the bridge's trimap band (outside it both are
 * the trimap's 0 or 255): an overlay for the A/B view, more opaque in final in magenta, less in cyan,
 * the stronger the bigger the difference.
 */
import type { GrayImage } from '../../shared/media';
import { isUnknown } from '../../shared/common/trimap-values';

/** Differences below this (0..255) are rounding and tile seams, not a different matte. */
const VISIBLE = 8;
/** A difference this big or bigger is drawn at full strength. */
const FULL = 64;
const MORE: readonly [number, number, number] = [255, 0, 255];
const LESS: readonly [number, number, number] = [0, 230, 255];

export interface BandDifference {
  /** RGBA, the trimap's size. */
  pixels: Uint8ClampedArray;
  width: number;
  height: number;
  /** Band pixels whose alpha differs visibly, and all band pixels. */
  changed: number;
  band: number;
}

export function bandDifference(preview: GrayImage, final: GrayImage, trimap: GrayImage): BandDifference {
  const { width, height } = trimap;
  for (const [what, matte] of [
    ['preview', preview],
    ['final', final],
  ] as const) {
    if (matte.width !== width || matte.height !== height) throw new Error(`The ${what} matte is ${matte.width}x${matte.height}, the trimap ${width}x${height}`);
  }
  const pixels = new Uint8ClampedArray(width * height * 4);
  let changed = 0;
  let band = 0;
  for (let i = 0; i < trimap.data.length; i++) {
    if (!isUnknown(trimap.data[i])) continue;
    band++;
    const d = final.data[i] - preview.data[i];
    if (Math.abs(d) < VISIBLE) continue;
    changed++;
    pixels.set(d > 0 ? MORE : LESS, 4 * i);
    pixels[4 * i + 3] = Math.round(255 * Math.min(1, Math.abs(d) / FULL));
  }
  return { pixels, width, height, changed, band };
}
