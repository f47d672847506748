/**
 * Composes the method's three parts for one clip: a tracker for temporal consistency, a
 * region-proposal bridge for the uncertain boundary, a matting head for the fine alpha there.
 */
import type { EngineInfo } from '../../shared/engine-info';
import type { FrameSource, MattingHead, MattingQuality, Tracker } from '../../shared/engine';
import type { GrayImage, RgbaImage } from '../../shared/media';
import type { ExecutionProvider, ModelStatus } from '../../shared/models';
import type { ObjectId } from '../../shared/prompts';
import { checkModels } from '../models/sessions';
import { loadManifest, resolveModelsDir } from '../models/manifest';
import { gpuProvider } from '../models/providers';
import { BandBridge } from './bridge/band-bridge';
import { matteFrame, matteFrameWithin, mergedTrimap } from './compose';
import { BUILT_IN_HEADS, createHead, headInfos } from './matting/head-registry';
import { ClassicTracker } from './tracker/classic/classic-tracker';

export interface MatteChoice {
  /** A head id (EngineInfo.heads). */
  head: string;
  quality: MattingQuality;
}

export interface Engine {
  tracker: Tracker;
  /** The refined alpha of the given objects on a frame, merged, at the frame's resolution. */
  matte(image: RgbaImage, frame: number, objectIds: ObjectId[], choice: MatteChoice, signal?: AbortSignal): Promise<GrayImage>;
  /** The bridge's trimap of the given objects on a frame, merged, at the frame's resolution. */
  trimap(frame: number, objectIds: ObjectId[]): GrayImage;
  /** Frees the tracker's and the heads' model sessions; the engine is not used after. */
  close(): Promise<void>;
}

const bridge = new BandBridge();
/**
 * Previews of bigger frames are matted at this size and scaled up: at 1080p about 2x faster, for about
 * 30% more SAD (compose.test.ts); viewers rarely show more pixels than this anyway. Exports use 'final'.
 */
export const PREVIEW_MAX_PIXELS = 1280 * 720;

/** `tracker`: the clip's tracker (see createTracker); the classic one when omitted. */
export function createEngine(source: FrameSource, modelsDir?: string, tracker: Tracker = new ClassicTracker(source)): Engine {
  // One instance per head for the clip's life: an ONNX head holds its session. A failed open is
  // forgotten so that installing the model and trying again works.
  const heads = new Map<string, Promise<MattingHead>>();
  const headFor = (id: string): Promise<MattingHead> => {
    let head = heads.get(id);
    if (!head) {
      head = createHead(id, modelsDir);
      heads.set(id, head);
      head.catch(() => heads.delete(id));
    }
    return head;
  };
  const masksOf = (frame: number, objectIds: ObjectId[]) =>
    objectIds
      .map((id) => tracker.getResult(id, frame))
      .filter((r) => r?.present)
      .map((r) => r!.mask);
  return {
    tracker,
    async matte(image, frame, objectIds, { head, quality }, signal) {
      const masks = masksOf(frame, objectIds);
      return quality === 'preview'
        ? matteFrameWithin(PREVIEW_MAX_PIXELS, image, masks, bridge, await headFor(head), quality, signal)
        : matteFrame(image, masks, bridge, await headFor(head), quality, signal);
    },
    trimap(frame, objectIds) {
      return mergedTrimap(masksOf(frame, objectIds), bridge, source.width, source.height);
    },
    async close() {
      const opened = await Promise.allSettled(heads.values());
      heads.clear();
      await Promise.all([tracker.close?.(), ...opened.map((h) => (h.status === 'fulfilled' ? h.value.close?.() : undefined))]);
    },
  };
}

/**
 * SAM 2.1 Tiny without a GPU provider (the fastest, and the CPU is slow for all of them), Base+ with one
 * (more accurate, still real-time on a GPU: facebookresearch/sam2's README).
 */
function suggestTracker(providers: readonly ExecutionProvider[], models: ModelStatus[]): EngineInfo['suggestedTracker'] {
  const gpu = gpuProvider(providers);
  const model = models.find((m) => m.id === (gpu ? 'sam2.1-hiera-base-plus' : 'sam2.1-hiera-tiny'));
  if (!model) return null;
  const why = gpu
    ? `A GPU provider (${gpu}) is installed: it tracks more accurately than Tiny and stays real-time there.`
    : 'No GPU provider is installed: it is the fastest of the four on a CPU.';
  return { modelId: model.id, why };
}

/** What runs, and why a model does not, in words for the status bar; `checked`: the models' states when known. */
export async function describeEngine(modelsDir?: string, checked?: ModelStatus[]): Promise<EngineInfo> {
  const dir = resolveModelsDir(modelsDir);
  const manifest = await loadManifest();
  const models = checked ?? (await checkModels(manifest, dir));
  const sam2 = models.filter((m) => m.family === 'sam2-tracker');
  const installed = sam2.find((m) => m.state === 'installed');
  // Each clip opens its own tracker and reports it when opened (OpenedMedia.tracker); this is the expectation.
  const fallbackReason = installed
    ? null
    : `No SAM 2.1 model installed in ${dir} (each model in a folder named by its id): using the classic tracker.`;
  return {
    tracker: installed ? installed.title : ClassicTracker.displayName,
    bridge: bridge.name,
    matting: BUILT_IN_HEADS[0].title,
    fallbackReason,
    models,
    providers: {},
    heads: headInfos(manifest, models),
    suggestedTracker: suggestTracker(manifest.executionProviders, models),
    fallbackLimits: ClassicTracker.limits,
  };
}
