/** The trimap convention shared by bridge, heads, CLI and the renderer: 0 background, 255 foreground, anything else unknown. */
import type { GrayImage } from '../media';

export const isUnknown = (v: number): boolean => v !== 0 && v !== 255;

/** The trimap with its unknown pixels replaced by alpha (0..1 per pixel); the trimap itself when alpha is null. */
export function matteFromAlpha(trimap: GrayImage, alpha: Float32Array | null): GrayImage {
  const out = new Uint8Array(trimap.data);
  if (alpha) for (let i = 0; i < out.length; i++) if (isUnknown(out[i])) out[i] = Math.round(alpha[i] * 255);
  return { width: trimap.width, height: trimap.height, data: out };
}
