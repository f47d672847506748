/**
 * The built-in head for exact work: 'preview' is the guided filter's fast preview; 'final' starts
 * from the guided filter's final alpha and solves closed-form matting (matting Laplacian, conjugate
 * gradient) on it. Known trimap pixels come back unchanged.
 */
import { abortError } from '../../../shared/common/abort';
import type { MattingHead, MattingInput } from '../../../shared/engine';
import type { GrayImage } from '../../../shared/media';
import { squaredDistanceTo } from '../../imaging/distance-transform';
import { solveClosedForm } from './closed-form';
import { guidedFilterAlpha } from './guided-filter-head';
import { isUnknown, matteFromAlpha } from '../../../shared/common/trimap-values';

/**
 * How far (pixels) past the unknown region a trimap guessed from a mask is solved for: pinned known
 * pixels that are really a soft zone's tail drag the band's alpha to 0 or 1. Solving 4 px further
 * (starting from the labels) and keeping the labels there takes the bridge's SAD on synthetic-video
 * from 8.05 to 7.73 and leaves synthetic-matting as it was (6.33 → 6.37); on hand-drawn trimaps it
 * would cost (5.73 → 6.03), so they stay pinned.
 */
export const GUESSED_LABEL_MARGIN = 4;

export class ClosedFormHead implements MattingHead {
  readonly name = 'Closed-form head (matting Laplacian from the guided filter)';

  async matte(input: MattingInput, signal?: AbortSignal): Promise<GrayImage> {
    const { image, trimap, quality } = input;
    const alpha = guidedFilterAlpha(input, signal);
    if (alpha && quality === 'final') {
      const solveOn = input.knownFromMask ? unpinnedNear(trimap, alpha, GUESSED_LABEL_MARGIN) : trimap;
      solveClosedForm(image, solveOn, alpha, undefined, () => signal?.aborted === true);
      if (signal?.aborted) throw abortError();
    }
    return matteFromAlpha(trimap, alpha);
  }
}

/** The trimap with known pixels within `margin` of the unknown region made unknown, their alpha starting at their label. */
export function unpinnedNear(trimap: GrayImage, alpha: Float32Array, margin: number): GrayImage {
  const { width, height, data } = trimap;
  const toUnknown = squaredDistanceTo(
    data.map((v) => (isUnknown(v) ? 1 : 0)),
    width,
    height,
  );
  const out = new Uint8Array(data);
  for (let i = 0; i < out.length; i++) {
    if (isUnknown(data[i]) || toUnknown[i] > margin * margin) continue;
    alpha[i] = data[i] / 255;
    out[i] = 128;
  }
  return { width, height, data: out };
}
