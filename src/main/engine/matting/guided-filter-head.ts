/**
 * A matting head without weights: colour samples give a first alpha and a confidence in it, then
 * confidence-weighted guided filtering (colour guide; coarse then fine windows for 'final', one
 * fine pass for 'preview') makes alpha a locally linear function of colour, as the matting
 * Laplacian assumes, at the cost of box filters. Known trimap pixels come back unchanged.
 */
import { abortError } from '../../../shared/common/abort';
import type { MattingHead, MattingInput, MattingQuality } from '../../../shared/engine';
import type { GrayImage } from '../../../shared/media';
import { squaredDistanceTo } from '../../imaging/distance-transform';
import { sampleAlpha, type SampleOptions } from './colour-samples';
import { weightedGuidedFilter } from './guided-filter';
import { isUnknown, matteFromAlpha } from '../../../shared/common/trimap-values';

interface FilterPass {
  /** Window radius, at most the unknown region's mean depth where `fitDepth` (never below 4). */
  radius: number;
  fitDepth?: boolean;
  epsilon: number;
  /** Weight of the unknown pixels' current alpha relative to known pixels (times their confidence). */
  unknownWeight: number;
}

interface QualitySettings {
  colourGuide: boolean;
  samples: SampleOptions;
  passes: FilterPass[];
}

/** Chosen on synthetic-matting/ and alphamatting/ (see guided-filter-head.test.ts for the figures). */
const SETTINGS: Record<MattingQuality, QualitySettings> = {
  // A colour guide and samples from 16 px away (not 8) take SAD from 9.35 to 7.00 (synthetic-matting)
  // and 7.72 to 5.97 (alphamatting) for about 1.7x the time of a grey guide.
  preview: {
    colourGuide: true,
    samples: { spacing: 16, neighbourhood: 'cross', errorScale: 10, minContrast: 60 },
    passes: [{ radius: 4, epsilon: 1e-5, unknownWeight: 0.3 }],
  },
  final: {
    colourGuide: true,
    samples: { spacing: 16, neighbourhood: 'square', errorScale: 10, minContrast: 60 },
    passes: [
      // The coarse pass spans wide unknown regions; across a band a few pixels deep it only blurs
      // the strands: fitting it to the depth takes the bridge's band from 6.79 to 6.33 (synthetic-
      // matting) and 8.87 to 8.37 (synthetic-video) and leaves the given trimaps as they were (6.38 → 6.24, 5.32 → 5.33).
      { radius: 16, epsilon: 1e-5, unknownWeight: 0.3, fitDepth: true },
      { radius: 4, epsilon: 1e-5, unknownWeight: 1 },
    ],
  },
};

export class GuidedFilterHead implements MattingHead {
  readonly name = 'Guided-filter head (colour samples + weighted guided filter)';

  async matte(input: MattingInput, signal?: AbortSignal): Promise<GrayImage> {
    return matteFromAlpha(input.trimap, guidedFilterAlpha(input, signal));
  }
}

/** Alpha 0..1 for every pixel of the region (known ones exactly 0 or 1), or null when nothing is unknown. */
export function guidedFilterAlpha(input: MattingInput, signal?: AbortSignal): Float32Array | null {
  const { image, trimap, quality } = input;
  if (image.width !== trimap.width || image.height !== trimap.height) {
    throw new Error(`matte: image ${image.width}x${image.height} and trimap ${trimap.width}x${trimap.height} differ`);
  }
  if (signal?.aborted) throw abortError();
  const settings = SETTINGS[quality];
  const { width, height } = trimap;
  const n = width * height;
  const t = trimap.data;
  if (!t.some(isUnknown)) return null;

  const { alpha, confidence } = sampleAlpha(image, trimap, settings.samples);
  const guide = guideChannels(image.data, n, settings.colourGuide);
  const weight = new Float32Array(n);
  const unknown = t.map((v) => (isUnknown(v) ? 1 : 0));
  const depth = settings.passes.some((p) => p.fitDepth) ? meanDepth(unknown, width, height) : Infinity;
  for (const pass of settings.passes) {
    if (signal?.aborted) throw abortError();
    for (let i = 0; i < n; i++) weight[i] = isUnknown(t[i]) ? pass.unknownWeight * confidence[i] + 1e-4 : 1;
    const radius = pass.fitDepth ? Math.min(pass.radius, Math.max(MIN_RADIUS, Math.round(depth))) : pass.radius;
    const filtered = weightedGuidedFilter({ width, height, guide, input: alpha, confidence: weight, radius, epsilon: pass.epsilon, where: unknown });
    for (let i = 0; i < n; i++) if (isUnknown(t[i])) alpha[i] = Math.min(1, Math.max(0, filtered[i]));
  }
  return alpha;
}

const MIN_RADIUS = 4;

/** Mean distance from an unknown pixel to the nearest known one: how deep the unknown region is. */
export function meanDepth(unknown: Uint8Array, width: number, height: number): number {
  const d2 = squaredDistanceTo(
    unknown.map((u) => 1 - u),
    width,
    height,
  );
  let sum = 0;
  let count = 0;
  for (let i = 0; i < unknown.length; i++) {
    if (!unknown[i]) continue;
    sum += Math.sqrt(d2[i]);
    count++;
  }
  return count === 0 ? 0 : sum / count;
}

/** Guide planes in [0, 1]: R, G, B, or luma alone. */
function guideChannels(rgba: Uint8Array, n: number, colour: boolean): Float32Array[] {
  if (!colour) {
    const luma = new Float32Array(n);
    for (let i = 0; i < n; i++) luma[i] = (0.299 * rgba[4 * i] + 0.587 * rgba[4 * i + 1] + 0.114 * rgba[4 * i + 2]) / 255;
    return [luma];
  }
  const planes = [new Float32Array(n), new Float32Array(n), new Float32Array(n)];
  for (let i = 0; i < n; i++) for (let c = 0; c < 3; c++) planes[c][i] = rgba[4 * i + c] / 255;
  return planes;
}
