/**
 * One frame of the method: for each object the bridge proposes a trimap and regions, the head mattes
 * each region, the regions are blended back, and the objects are merged into one alpha.
 */
import { abortError } from '../../shared/common/abort';
import { resizeGrayBilinear, resizeRgbaArea } from '../../shared/common/resize';
import type { MattingHead, MattingQuality, RegionProposal, RegionProposalBridge } from '../../shared/engine';
import type { GrayImage, RgbaImage } from '../../shared/media';
import { cropGray, cropRgba } from '../imaging/crop';
import { TRIMAP_UNKNOWN } from './bridge/band-bridge';
import { TileBlender } from './matting/tile-blend';
import { isUnknown } from '../../shared/common/trimap-values';

/**
 * Alpha 0..255 at the frame's resolution for the union of the objects. Masks are the tracker's
 * probabilities, any resolution.
 */
export async function matteFrame(
  frame: RgbaImage,
  masks: GrayImage[],
  bridge: RegionProposalBridge,
  head: MattingHead,
  quality: MattingQuality,
  signal?: AbortSignal,
): Promise<GrayImage> {
  return mergeAlphas(await matteObjects(frame, masks, bridge, head, quality, signal), frame.width, frame.height);
}

/** Each mask's alpha 0..255 at the frame's resolution, in the masks' order. */
export async function matteObjects(
  frame: RgbaImage,
  masks: GrayImage[],
  bridge: RegionProposalBridge,
  head: MattingHead,
  quality: MattingQuality,
  signal?: AbortSignal,
): Promise<GrayImage[]> {
  const alphas: GrayImage[] = [];
  for (const mask of masks) {
    if (signal?.aborted) throw abortError();
    alphas.push(await matteRegions(frame, bridge.propose(mask, frame.width, frame.height), head, quality, signal));
  }
  return alphas;
}

/**
 * Objects merged as independent layers, a = 1 − Π(1 − aᵢ), so that overlapping soft edges do not
 * add up past one and known regions stay exactly 0 or 255.
 */
export function mergeAlphas(alphas: readonly GrayImage[], width: number, height: number): GrayImage {
  const n = width * height;
  const transparency = new Float32Array(n).fill(1);
  for (const { data: alpha } of alphas) for (let i = 0; i < n; i++) transparency[i] *= 1 - alpha[i] / 255;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(255 * (1 - transparency[i]));
  return { width, height, data: out };
}

/**
 * Alpha for a trimap whose unknown pixels the regions cover: each region is matted on its own and
 * blended back (see TileBlender); known pixels come from the trimap, an uncovered unknown pixel is background.
 */
export async function matteRegions(
  frame: RgbaImage,
  { trimap, rois, knownFromMask }: RegionProposal,
  head: MattingHead,
  quality: MattingQuality,
  signal?: AbortSignal,
): Promise<GrayImage> {
  const blender = new TileBlender(frame.width, frame.height);
  const unknownAt = (i: number) => isUnknown(trimap.data[i]);
  for (const roi of rois) {
    if (signal?.aborted) throw abortError();
    const alpha = await head.matte({ image: cropRgba(frame, roi), trimap: cropGray(trimap, roi), quality, knownFromMask }, signal);
    blender.add(alpha.data, roi, unknownAt);
  }
  const out = new Uint8Array(trimap.data);
  for (let i = 0; i < out.length; i++) if (isUnknown(out[i])) out[i] = Math.round(blender.value(i, 0));
  return { width: frame.width, height: frame.height, data: out };
}

/**
 * The trimap of several objects as one: foreground where any object is sure of it (its alpha alone
 * makes the merged alpha 1), else unknown where any is unsure, else background.
 */
export function mergedTrimap(masks: GrayImage[], bridge: RegionProposalBridge, width: number, height: number): GrayImage {
  const out = new Uint8Array(width * height);
  for (const mask of masks) {
    const { data } = bridge.propose(mask, width, height).trimap;
    for (let i = 0; i < out.length; i++) {
      if (data[i] === 255) out[i] = 255;
      else if (isUnknown(data[i]) && out[i] !== 255) out[i] = TRIMAP_UNKNOWN;
    }
  }
  return { width, height, data: out };
}

/** The size a frame is matted at within `maxPixels`: its own when it fits, else scaled down to fit, aspect kept. */
export function mattingSize(width: number, height: number, maxPixels: number): { width: number; height: number } {
  const scale = Math.sqrt(maxPixels / (width * height));
  return scale >= 1 ? { width, height } : { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/**
 * matteObjects for a frame larger than `maxPixels`: matted at that many pixels and each alpha scaled
 * back up. For previews, where the viewer needs speed more than the finest strand.
 */
export async function matteObjectsWithin(
  maxPixels: number,
  frame: RgbaImage,
  masks: GrayImage[],
  bridge: RegionProposalBridge,
  head: MattingHead,
  quality: MattingQuality,
  signal?: AbortSignal,
): Promise<GrayImage[]> {
  const { width, height } = frame;
  const size = mattingSize(width, height, maxPixels);
  if (size.width === width && size.height === height) return matteObjects(frame, masks, bridge, head, quality, signal);
  const small = resizeRgbaArea(frame, size.width, size.height);
  return (await matteObjects(small, masks, bridge, head, quality, signal)).map((alpha) => resizeGrayBilinear(alpha, width, height));
}

/** matteObjectsWithin, merged (see matteFrame). */
export async function matteFrameWithin(
  maxPixels: number,
  frame: RgbaImage,
  masks: GrayImage[],
  bridge: RegionProposalBridge,
  head: MattingHead,
  quality: MattingQuality,
  signal?: AbortSignal,
): Promise<GrayImage> {
  return mergeAlphas(await matteObjectsWithin(maxPixels, frame, masks, bridge, head, quality, signal), frame.width, frame.height);
}
