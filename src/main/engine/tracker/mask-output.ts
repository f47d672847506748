/** The tracker's own mask as an output: the objects' union at the frame's size, 0 or 255 (no matting). */
import { resizeGrayBilinear } from '../../../shared/common/resize';
import type { GrayImage } from '../../../shared/media';

/** Masks are probabilities at the tracker's working size (128 = edge); missing ones are empty frames. */
export function binaryMask(masks: ReadonlyArray<GrayImage | undefined>, width: number, height: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (const mask of masks) {
    if (!mask) continue;
    const sized = mask.width === width && mask.height === height ? mask : resizeGrayBilinear(mask, width, height);
    for (let i = 0; i < data.length; i++) if (sized.data[i] >= 128) data[i] = 255;
  }
  return { width, height, data };
}
