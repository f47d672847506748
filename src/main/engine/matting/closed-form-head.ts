/**
 * The built-in head for exact work: 'preview' is the guided filter's fast preview; 'final' starts
 * from the guided filter's final alpha and solves closed-form matting (matting Laplacian, conjugate
 * gradient) on it. Known trimap pixels come back unchanged.
 */
import type { MattingHead, MattingInput } from '../../../shared/engine';
import type { GrayImage } from '../../../shared/media';
import { abortError } from '../../media/ffmpeg';
import { solveClosedForm } from './closed-form';
import { guidedFilterAlpha } from './guided-filter-head';
import { matteFromAlpha } from './trimap-values';

export class ClosedFormHead implements MattingHead {
  readonly name = 'Closed-form head (matting Laplacian from the guided filter)';

  async matte(input: MattingInput, signal?: AbortSignal): Promise<GrayImage> {
    const { image, trimap, quality } = input;
    const alpha = guidedFilterAlpha(input, signal);
    if (alpha && quality === 'final') {
      solveClosedForm(image, trimap, alpha, undefined, () => signal?.aborted === true);
      if (signal?.aborted) throw abortError();
    }
    return matteFromAlpha(trimap, alpha);
  }
}
