/** The pixels an export writes for one frame: the image's colour under the computed matte. */
import type { GrayImage, RgbaImage } from '../../shared/media';

export type AlphaMode = 'straight' | 'premultiplied';

/** RGBA with the matte as alpha; premultiplied scales the colour by alpha (rounded to nearest). */
export function withAlpha(image: RgbaImage, alpha: GrayImage, mode: AlphaMode): Uint8Array {
  const pixels = image.width * image.height;
  if (alpha.width !== image.width || alpha.height !== image.height) {
    throw new RangeError(`The matte is ${alpha.width}x${alpha.height} but the image is ${image.width}x${image.height}`);
  }
  const out = new Uint8Array(pixels * 4);
  const src = image.data;
  for (let p = 0, i = 0; p < pixels; p++, i += 4) {
    const a = alpha.data[p];
    if (mode === 'premultiplied') {
      // (c*a + 127) / 255 floored is c*a/255 rounded, in integers.
      out[i] = ((src[i] * a + 127) / 255) | 0;
      out[i + 1] = ((src[i + 1] * a + 127) / 255) | 0;
      out[i + 2] = ((src[i + 2] * a + 127) / 255) | 0;
    } else {
      out[i] = src[i];
      out[i + 1] = src[i + 1];
      out[i + 2] = src[i + 2];
    }
    out[i + 3] = a;
  }
  return out;
}
