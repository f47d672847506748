/**
 * Composes the method's three parts for one clip: a tracker for temporal consistency, a
 * region-proposal bridge for the uncertain boundary, a matting head for the fine alpha there.
 */
import type { EngineInfo } from '../../shared/api';
import type { FrameSource, MattingQuality, Tracker } from '../../shared/engine';
import type { GrayImage, RgbaImage } from '../../shared/media';
import type { ObjectId } from '../../shared/prompts';
import { checkModels } from '../models/sessions';
import { loadManifest, resolveModelsDir } from '../models/manifest';
import { BandBridge } from './bridge/band-bridge';
import { matteFrame } from './compose';
import { GuidedFilterHead } from './matting/guided-filter-head';
import { ClassicTracker } from './tracker/classic/classic-tracker';

export interface Engine {
  tracker: Tracker;
  /** The refined alpha of the given objects on a frame, merged, at the frame's resolution. */
  matte(image: RgbaImage, frame: number, objectIds: ObjectId[], quality: MattingQuality, signal?: AbortSignal): Promise<GrayImage>;
}

const bridge = new BandBridge();
const head = new GuidedFilterHead();

export function createEngine(source: FrameSource): Engine {
  const tracker = new ClassicTracker(source);
  return {
    tracker,
    async matte(image, frame, objectIds, quality, signal) {
      const masks = objectIds
        .map((id) => tracker.getResult(id, frame))
        .filter((r) => r?.present)
        .map((r) => r!.mask);
      return matteFrame(image, masks, bridge, head, quality, signal);
    },
  };
}

/** What runs, and why a model does not, in words for the status bar. */
export async function describeEngine(modelsDir?: string): Promise<EngineInfo> {
  const dir = resolveModelsDir(modelsDir);
  const models = await checkModels(await loadManifest(), dir);
  const sam2 = models.filter((m) => m.family === 'sam2-tracker');
  const installed = sam2.find((m) => m.state === 'installed');
  const fallbackReason = installed
    ? `${installed.title} is installed, but this build does not run the ONNX tracker yet: using the classic tracker.`
    : `No SAM 2.1 model installed in ${dir} (each model in a folder named by its id): using the classic tracker.`;
  return {
    tracker: ClassicTracker.displayName,
    bridge: bridge.name,
    matting: head.name,
    fallbackReason,
    models,
    providers: {},
    heads: [{ id: 'guided-filter', title: head.name, available: true, reason: null }],
  };
}
