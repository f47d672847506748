/** The bridge's trimap over the frame: background dimmed, the unknown band tinted, foreground as is. */
import type { GrayImage, RgbaImage } from '../../shared/media';

/** Band colour: amber reads on skin, sky and foliage alike. */
const BAND: readonly [number, number, number] = [255, 176, 32];
const BAND_MIX = 0.55;
const BACKGROUND_DIM = 0.25;

export function trimapPixels(frame: RgbaImage, trimap: GrayImage): Uint8ClampedArray {
  if (trimap.width !== frame.width || trimap.height !== frame.height) {
    throw new Error(`Trimap ${trimap.width}x${trimap.height} does not match frame ${frame.width}x${frame.height}`);
  }
  const out = new Uint8ClampedArray(frame.width * frame.height * 4);
  for (let i = 0; i < trimap.data.length; i++) {
    const t = trimap.data[i];
    for (let c = 0; c < 3; c++) {
      const v = frame.data[i * 4 + c];
      out[i * 4 + c] = t === 255 ? v : t === 0 ? v * BACKGROUND_DIM : v * (1 - BAND_MIX) + BAND[c] * BAND_MIX;
    }
    out[i * 4 + 3] = 255;
  }
  return out;
}
