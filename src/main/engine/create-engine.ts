/**
 * Composes the method's three parts for one clip: a tracker for temporal consistency, a
 * region-proposal bridge for the uncertain boundary, a matting head for the fine alpha there.
 */
import type { EngineInfo, MatteSource } from '../../shared/engine-info';
import type { FrameSource, MattingHead, MattingQuality, Tracker } from '../../shared/engine';
import type { MatteControls } from '../../shared/matte-controls';
import type { GrayImage, RgbaImage } from '../../shared/media';
import type { ExecutionProvider, ModelStatus } from '../../shared/models';
import type { ObjectId } from '../../shared/prompts';
import { refineMatte } from '../imaging/matte-refine';
import { checkModels } from '../models/sessions';
import { loadManifest, resolveModelsDir } from '../models/manifest';
import { PinStore } from '../models/pins';
import { gpuProvider } from '../models/providers';
import { BandBridge } from './bridge/band-bridge';
import { matteObjects, matteObjectsWithin, mattingSize, mergeAlphas, mergedTrimap } from './compose';
import { createHead, headInfos } from './matting/head-registry';
import { paperHeadInfo } from './matting/sam2matting/pairing';
import { PAPER_HEAD_ID, PAPER_HEAD_QUALITY, paperHeadSlot, type OpenPaperHeads } from './matting/sam2matting/paper-head';
import type { SequenceStabilizer } from './matting/sequence-stabilizer';
import { ClassicTracker } from './tracker/classic/classic-tracker';

export interface MatteChoice {
  /** A head id (EngineInfo.heads). */
  head: string;
  quality: MattingQuality;
}

/** An object to matte, with its matte controls. */
export interface MatteTarget {
  objectId: ObjectId;
  controls: MatteControls;
}

export interface MatteOptions {
  signal?: AbortSignal;
  /** Along a sequence (an export): each object's chatter reduction, against the frame before. */
  stabilizer?: SequenceStabilizer;
}

export interface FrameMatte {
  /** The objects' alphas merged. */
  alpha: GrayImage;
  /** Each object present on the frame, its alpha with its controls applied; in the order asked. */
  objects: { objectId: ObjectId; alpha: GrayImage }[];
  source: MatteSource;
}

export interface Engine {
  tracker: Tracker;
  /**
   * The matte of the given objects on a frame, at the frame's resolution: the head's alpha of each,
   * its matte controls applied, merged. The one path of the viewer's matte and the export's.
   */
  matte(image: RgbaImage, frame: number, targets: readonly MatteTarget[], choice: MatteChoice, options?: MatteOptions): Promise<FrameMatte>;
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

export interface EngineOptions {
  /** Opens the SAM2Matting heads that pair with the clip's SAM 2.1 model (the model manager's openPaperHeads). */
  openPaperHeads?: OpenPaperHeads;
}

/** `tracker`: the clip's tracker (see createTracker); the classic one when omitted. */
export function createEngine(source: FrameSource, modelsDir?: string, tracker: Tracker = new ClassicTracker(source), options: EngineOptions = {}): Engine {
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
  // The paper's head works on the tracker's own features and masks, not on the bridge's crops.
  const paper = paperHeadSlot(tracker, options.openPaperHeads);
  const masksOf = (frame: number, objectIds: ObjectId[]) =>
    objectIds
      .map((id) => tracker.getResult(id, frame))
      .filter((r) => r?.present)
      .map((r) => r!.mask);
  return {
    tracker,
    async matte(image, frame, targets, { head, quality }, { signal, stabilizer } = {}) {
      const present = targets.flatMap(({ objectId, controls }) => {
        const result = tracker.getResult(objectId, frame);
        return result?.present ? [{ objectId, controls, mask: result.mask }] : [];
      });
      let alphas: GrayImage[];
      let made: MatteSource;
      if (head === PAPER_HEAD_ID) {
        // The paper's bridge and head on the tracker's own features and masks, not on the bridge's crops.
        const headName = await paper.name();
        const mattes = await paper.matteObjects(image, frame, present.map((p) => p.objectId), signal);
        alphas = mattes.alphas;
        made = { head, headName, quality: PAPER_HEAD_QUALITY, ...(mattes.matted ?? { width: image.width, height: image.height }) };
      } else {
        const matting = await headFor(head);
        const masks = present.map((p) => p.mask);
        alphas =
          quality === 'preview'
            ? await matteObjectsWithin(PREVIEW_MAX_PIXELS, image, masks, bridge, matting, quality, signal)
            : await matteObjects(image, masks, bridge, matting, quality, signal);
        const size = quality === 'preview' ? mattingSize(image.width, image.height, PREVIEW_MAX_PIXELS) : image;
        made = { head, headName: matting.name, quality, width: size.width, height: size.height };
      }
      // Controls in frame pixels, so a preview matted smaller grows and feathers as the export does.
      // Chatter is reduced on the refined alpha: that is the matte whose chatter shows.
      const objects = present.map(({ objectId, controls, mask }, i) => {
        const refined = refineMatte(alphas[i], controls);
        return { objectId, alpha: stabilizer ? stabilizer.apply(String(objectId), frame, image, refined, controls.temporalStability, mask) : refined };
      });
      return { alpha: mergeAlphas(objects.map((o) => o.alpha), image.width, image.height), objects, source: made };
    },
    trimap(frame, objectIds) {
      return mergedTrimap(masksOf(frame, objectIds), bridge, source.width, source.height);
    },
    async close() {
      const opened = await Promise.allSettled(heads.values());
      heads.clear();
      await Promise.all([tracker.close?.(), paper.close(), ...opened.map((h) => (h.status === 'fulfilled' ? h.value.close?.() : undefined))]);
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
    fallbackReason,
    models,
    providers: {},
    heads: [...headInfos(manifest, models), await paperHeadInfo(manifest, models, installed?.id ?? null, dir, await new PinStore(dir).read().catch(() => ({})))],
    suggestedTracker: suggestTracker(manifest.executionProviders, models),
    fallbackLimits: ClassicTracker.limits,
  };
}
