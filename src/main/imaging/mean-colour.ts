/** The mean colour of a frame under a mask, the mask at any resolution (a tracker's working size). */
import type { GrayImage, RgbaImage } from '../../shared/media';

export type Rgb = [number, number, number];

/** Mean RGB of the frame pixels at the centres of the mask's cells at or above the threshold; null for an empty mask. */
export function meanColourUnder(frame: RgbaImage, mask: GrayImage, threshold = 128): Rgb | null {
  const sum: Rgb = [0, 0, 0];
  let count = 0;
  for (let y = 0; y < mask.height; y++) {
    const fy = Math.min(frame.height - 1, Math.floor(((y + 0.5) * frame.height) / mask.height));
    for (let x = 0; x < mask.width; x++) {
      if (mask.data[y * mask.width + x] < threshold) continue;
      const fx = Math.min(frame.width - 1, Math.floor(((x + 0.5) * frame.width) / mask.width));
      const o = (fy * frame.width + fx) * 4;
      sum[0] += frame.data[o];
      sum[1] += frame.data[o + 1];
      sum[2] += frame.data[o + 2];
      count++;
    }
  }
  return count === 0 ? null : [sum[0] / count, sum[1] / count, sum[2] / count];
}
