/** Matte previews: the alpha as grey, and the frame over a checkerboard by the alpha. */
import type { GrayImage, RgbaImage } from '../../shared/media';

const CHECK_LIGHT = 102;
const CHECK_DARK = 61;

export function greyFromAlpha(alpha: GrayImage): Uint8ClampedArray {
  const out = new Uint8ClampedArray(alpha.width * alpha.height * 4);
  for (let i = 0; i < alpha.data.length; i++) {
    const v = alpha.data[i];
    out[i * 4] = v;
    out[i * 4 + 1] = v;
    out[i * 4 + 2] = v;
    out[i * 4 + 3] = 255;
  }
  return out;
}

/** Checker shade at an image pixel; cells are `cell` image pixels wide. */
export function checkerShade(x: number, y: number, cell: number): number {
  return (Math.floor(x / cell) + Math.floor(y / cell)) % 2 === 0 ? CHECK_LIGHT : CHECK_DARK;
}

/** The frame's colour laid over a checkerboard with the matte's alpha; alpha must be frame-sized. */
export function compositeOverChecker(frame: RgbaImage, alpha: GrayImage, cell: number): Uint8ClampedArray {
  if (alpha.width !== frame.width || alpha.height !== frame.height) {
    throw new Error(`Matte ${alpha.width}x${alpha.height} does not match frame ${frame.width}x${frame.height}`);
  }
  const out = new Uint8ClampedArray(frame.width * frame.height * 4);
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      const i = y * frame.width + x;
      const a = alpha.data[i] / 255;
      const back = checkerShade(x, y, cell) * (1 - a);
      for (let c = 0; c < 3; c++) out[i * 4 + c] = frame.data[i * 4 + c] * a + back;
      out[i * 4 + 3] = 255;
    }
  }
  return out;
}
