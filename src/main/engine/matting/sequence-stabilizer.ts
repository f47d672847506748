/**
 * Applies temporal stability along a rendered sequence: each frame is stabilised against the previous
 * frame of the same sequence (one per object), and only when that frame came just before.
 */
import type { GrayImage, RgbaImage } from '../../../shared/media';
import { stabilizeAlpha } from './temporal';

interface Rendered {
  frame: number;
  image: RgbaImage;
  alpha: GrayImage;
  mask?: GrayImage;
}

export class SequenceStabilizer {
  private readonly last = new Map<string, Rendered>();

  /**
   * strength 0..1 as in MatteControls.temporalStability; 0 passes mattes through untouched. The same
   * frame asked again (an export's OpenEXR layer after its merged matte) gets the answer it got.
   */
  apply(sequence: string, frame: number, image: RgbaImage, alpha: GrayImage, strength: number, mask?: GrayImage): GrayImage {
    const previous = this.last.get(sequence);
    if (previous?.frame === frame) return previous.alpha;
    if (strength <= 0) return alpha;
    const out =
      previous && previous.frame === frame - 1
        ? stabilizeAlpha({ alpha, previousAlpha: previous.alpha, image, previousImage: previous.image, mask, previousMask: previous.mask, strength })
        : alpha;
    this.last.set(sequence, { frame, image, alpha: out, mask });
    return out;
  }
}
