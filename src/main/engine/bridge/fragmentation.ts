/**
 * How ragged a mask is at its edge. Where a threshold at 0.5 cuts through a wide soft zone (dense
 * hair, motion blur, the edge of a veil) the mask breaks into specks and slivers beside its body;
 * where the edge is sharp it does not, and lone strands stay attached to the body. The measure is
 * the area of such small pieces near the body per pixel of the body's outline: a length, in pixels,
 * of how far the uncertain zone reaches.
 */
import { labelComponents } from '../../imaging/connected-components';
import { squaredDistanceTo } from '../../imaging/distance-transform';

export interface FragmentationOptions {
  /** Pieces smaller than this (pixels) are fragments; larger ones are the body. */
  minBodyArea: number;
  /** Fragments count when within this distance (pixels) of the body. */
  reach: number;
}

/**
 * Fragment pixels within `reach` of the body, per body pixel on its 4-connected outline; 0 for a mask
 * with no body. Pixels are `mask[i] >= 128`.
 */
export function fragmentsPerOutline(mask: Uint8Array, width: number, height: number, { minBodyArea, reach }: FragmentationOptions): number {
  const n = width * height;
  const { labels, areas } = labelComponents(mask, width, height);
  const body = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (labels[i] !== 0 && areas[labels[i]] >= minBodyArea) body[i] = 1;
  let outline = 0;
  for (let i = 0; i < n; i++) {
    if (!body[i]) continue;
    const x = i % width;
    if ((x > 0 && !body[i - 1]) || (x < width - 1 && !body[i + 1]) || (i >= width && !body[i - width]) || (i + width < n && !body[i + width])) outline++;
  }
  if (outline === 0) return 0;
  const toBody = squaredDistanceTo(body, width, height);
  let near = 0;
  for (let i = 0; i < n; i++) if (labels[i] !== 0 && !body[i] && toBody[i] <= reach * reach) near++;
  return near / outline;
}
