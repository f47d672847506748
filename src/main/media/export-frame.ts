/** The pixels an export writes for one frame: the subject's colour under the computed matte. */
import type { AlphaMode } from '../../shared/api';
import type { GrayImage, RgbaImage } from '../../shared/media';
import { estimateForeground } from '../imaging/foreground';
import { decontaminate } from '../imaging/matte-refine';

/**
 * RGBA with the matte as alpha. Semi-transparent pixels get the estimated foreground colour rather
 * than the image's, which still holds the old background (a halo once composited elsewhere), as much
 * of it as `decontamination` says (all where omitted); opaque and clear pixels keep the image's colour.
 * Premultiplied scales the colour by alpha (rounded to nearest).
 */
export function withAlpha(image: RgbaImage, alpha: GrayImage, mode: AlphaMode, decontamination?: Float32Array): Uint8Array {
  if (alpha.width !== image.width || alpha.height !== image.height) {
    throw new RangeError(`The matte is ${alpha.width}x${alpha.height} but the image is ${image.width}x${image.height}`);
  }
  const out = decontaminate(image, estimateForeground(image, alpha), decontamination).data;
  if (mode === 'premultiplied') {
    for (let i = 0; i < out.length; i += 4) {
      const a = out[i + 3];
      // (c*a + 127) / 255 floored is c*a/255 rounded, in integers.
      out[i] = ((out[i] * a + 127) / 255) | 0;
      out[i + 1] = ((out[i + 1] * a + 127) / 255) | 0;
      out[i + 2] = ((out[i + 2] * a + 127) / 255) | 0;
    }
  }
  return out;
}
