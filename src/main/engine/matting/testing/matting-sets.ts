/** Test support: ground-truth matting images from ../shared/data and the SAD the reference figures use. */
import type { GrayImage, RgbaImage } from '../../../../shared/media';
import { sharedData } from '../../../../testing/paths';
import { readImageGray, readImageRgba } from '../../../media/image-file';
import { isUnknown } from '../../../../shared/common/trimap-values';

export interface MattingSample {
  name: string;
  image: RgbaImage;
  trimap: GrayImage;
  alpha: GrayImage;
}

export const syntheticNames = (indices: number[]): string[] => indices.map((k) => `${String(k).padStart(3, '0')}.png`);
export const alphamattingNames = (indices: number[]): string[] => indices.map((k) => `GT${String(k).padStart(2, '0')}.png`);

export async function loadSet(dir: string, names: string[]): Promise<MattingSample[]> {
  return Promise.all(
    names.map(async (name) => ({
      name,
      image: await readImageRgba(sharedData(dir, 'image', name)),
      trimap: await readImageGray(sharedData(dir, 'trimap', name)),
      alpha: await readImageGray(sharedData(dir, 'alpha', name)),
    })),
  );
}

/** SAD over the trimap's unknown pixels, alphas in [0, 1], divided by 1000 (the alphamatting.com convention). */
export function unknownSad(alpha: Uint8Array, truth: GrayImage, trimap: GrayImage): number {
  let sum = 0;
  for (let i = 0; i < alpha.length; i++) if (isUnknown(trimap.data[i])) sum += Math.abs(alpha[i] - truth.data[i]) / 255;
  return sum / 1000;
}

/** Known trimap pixels whose alpha differs from the trimap (a head must keep them). */
export function changedKnown(alpha: Uint8Array, trimap: GrayImage): number {
  let count = 0;
  for (let i = 0; i < alpha.length; i++) if (!isUnknown(trimap.data[i]) && alpha[i] !== trimap.data[i]) count++;
  return count;
}
