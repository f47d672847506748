/**
 * Applies temporal stability along a rendered sequence: each frame is stabilised against the previous
 * frame of the same sequence (one per output, e.g. per object), and only when that frame came just before.
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

  /** strength 0..1 as in ProjectSettings.temporalStability; 0 passes mattes through untouched. */
  constructor(private readonly strength: number) {}

  apply(sequence: string, frame: number, image: RgbaImage, alpha: GrayImage, mask?: GrayImage): GrayImage {
    if (this.strength <= 0) return alpha;
    const previous = this.last.get(sequence);
    const out =
      previous && previous.frame === frame - 1
        ? stabilizeAlpha({ alpha, previousAlpha: previous.alpha, image, previousImage: previous.image, mask, previousMask: previous.mask, strength: this.strength })
        : alpha;
    this.last.set(sequence, { frame, image, alpha: out, mask });
    return out;
  }
}

/** The objects' tracker masks merged (max), for the stabiliser's motion estimate; undefined when none is present. */
export function mergedMask(masks: GrayImage[]): GrayImage | undefined {
  const [first] = masks;
  if (!first || masks.some((m) => m.width !== first.width || m.height !== first.height)) return first;
  const data = new Uint8Array(first.data);
  for (const m of masks.slice(1)) for (let i = 0; i < data.length; i++) if (m.data[i] > data[i]) data[i] = m.data[i];
  return { width: first.width, height: first.height, data };
}
