/**
 * One frame of the method: for each object the bridge proposes a trimap and regions, the head mattes
 * each region, the regions are blended back, and the objects are merged into one alpha.
 */
import type { MattingHead, MattingQuality, Rect, RegionProposalBridge } from '../../shared/engine';
import type { GrayImage, RgbaImage } from '../../shared/media';
import { cropGray, cropRgba } from '../imaging/crop';
import { abortError } from '../media/ffmpeg';

const isUnknown = (v: number) => v !== 0 && v !== 255;

/**
 * Alpha 0..255 at the frame's resolution for the union of the objects. Masks are the tracker's
 * probabilities, any resolution. Objects merge as independent layers, a = 1 − Π(1 − aᵢ), so that
 * overlapping soft edges do not add up past one and known regions stay exactly 0 or 255.
 */
export async function matteFrame(
  frame: RgbaImage,
  masks: GrayImage[],
  bridge: RegionProposalBridge,
  head: MattingHead,
  quality: MattingQuality,
  signal?: AbortSignal,
): Promise<GrayImage> {
  const { width, height } = frame;
  const n = width * height;
  const transparency = new Float32Array(n).fill(1);
  for (const mask of masks) {
    if (signal?.aborted) throw abortError();
    const alpha = await matteObject(frame, mask, bridge, head, quality, signal);
    for (let i = 0; i < n; i++) transparency[i] *= 1 - alpha[i] / 255;
  }
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.round(255 * (1 - transparency[i]));
  return { width, height, data: out };
}

async function matteObject(frame: RgbaImage, mask: GrayImage, bridge: RegionProposalBridge, head: MattingHead, quality: MattingQuality, signal?: AbortSignal): Promise<Uint8Array> {
  const { width, height } = frame;
  const { trimap, rois } = bridge.propose(mask, width, height);
  const sum = new Float32Array(width * height);
  const weight = new Float32Array(width * height);
  for (const roi of rois) {
    if (signal?.aborted) throw abortError();
    const alpha = await head.matte({ image: cropRgba(frame, roi), trimap: cropGray(trimap, roi), quality }, signal);
    blendRegion(alpha, roi, trimap.data, width, sum, weight);
  }
  // Known pixels come from the trimap; unknown ones from the regions (a bridge must cover them all; background if not).
  const out = new Uint8Array(trimap.data);
  for (let i = 0; i < out.length; i++) if (isUnknown(out[i])) out[i] = weight[i] > 0 ? Math.round(sum[i] / weight[i]) : 0;
  return out;
}

/**
 * Adds a region's unknown pixels, weighted by their distance from the region's edge, so that where
 * regions overlap the one that saw more context around a pixel counts more and seams fade out.
 */
function blendRegion(alpha: GrayImage, roi: Rect, trimap: Uint8Array, width: number, sum: Float32Array, weight: Float32Array): void {
  for (let y = 0; y < roi.height; y++) {
    const fromEdgeY = Math.min(y, roi.height - 1 - y);
    for (let x = 0; x < roi.width; x++) {
      const i = (roi.y + y) * width + roi.x + x;
      if (!isUnknown(trimap[i])) continue;
      const w = Math.min(fromEdgeY, x, roi.width - 1 - x) + 1;
      sum[i] += w * alpha.data[y * roi.width + x];
      weight[i] += w;
    }
  }
}
