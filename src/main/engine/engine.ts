/** The engine of a clip (tracker, bridge, head: one frame's matte), and what the app can run (describeEngine). */
import type { EngineInfo, MatteSource } from '../../shared/engine-info';
import type { FrameSource, MattingHead, MattingQuality, Tracker } from '../../shared/engine';
import type { MatteControls } from '../../shared/matte-controls';
import type { GrayImage, RgbaImage } from '../../shared/media';
import type { ExecutionProvider, ModelManifest, ModelStatus } from '../../shared/models';
import type { ObjectId } from '../../shared/prompts';
import { decontaminationAmounts, refineMatte } from '../imaging/matte-refine';
import { checkModels } from '../models/check-models';
import { loadManifest, resolveModelsDir } from '../models/manifest';
import { PinStore } from '../models/pins';
import { gpuProvider } from '../inference/providers';
import { BandBridge } from './bridge/band-bridge';
import { matteObjects, matteObjectsWithin, mattingSize, mergeAlphas, mergedTrimap } from './compose';
import { createHead, headInfos, type HeadModels } from './matting/head-registry';
import { paperHeadInfo } from './matting/sam2matting/pairing';
import { PAPER_HEAD_ID, paperHeadSlot, type OpenPaperHeads } from './matting/sam2matting/paper-head';
import { SequenceStabilizer } from './matting/sequence-stabilizer';
import { binaryMask } from './tracker/mask-output';
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

/**
 * Along a rendered sequence (an export), each object's previous frame, for chatter reduction: one per
 * sequence, from Engine.sequence().
 */
export type RenderSequence = SequenceStabilizer;

export interface RenderOptions extends MatteChoice {
  /** 'matte' (the default): the heads' alphas with their controls; 'mask': the tracker's own masks, 0 or 255, no matting. */
  output?: 'matte' | 'mask';
  /** Frames of one sequence get each object's chatter reduction against the frame before. */
  sequence?: RenderSequence;
  signal?: AbortSignal;
}

export interface RenderedObject {
  objectId: ObjectId;
  /** The tracker's mask at its working size. */
  mask: GrayImage;
  /** Its alpha at the frame's size, its matte controls applied (the mask itself, binarised, for 'mask'). */
  alpha: GrayImage;
  /** Its matte controls' decontamination amount, 0..1. */
  decontamination: number;
}

export interface RenderedMatte {
  image: RgbaImage;
  /** The objects' alphas merged, at the frame's size. */
  alpha: GrayImage;
  /** Each object present on the frame, in the order asked. */
  objects: RenderedObject[];
  /** How much of the foreground colour estimate replaces the image's colour, per pixel; all of it when omitted. */
  decontamination?: Float32Array;
  /** Which head and quality made the alpha; null for the tracker's masks. */
  source: MatteSource | null;
}

const bridge = new BandBridge();
/**
 * Previews of bigger frames are matted at this size and scaled up: at 1080p about 2x faster, for about
 * 30% more SAD (compose.test.ts); viewers rarely show more pixels than this anyway. Exports use 'final'.
 */
export const PREVIEW_MAX_PIXELS = 1280 * 720;

export interface EngineOptions {
  /** Where ONNX matting heads are installed; the default models folder when omitted. */
  modelsDir?: string;
  /** Opens the SAM2Matting heads that pair with the clip's SAM 2.1 model (the model manager's openPaperHeads). */
  openPaperHeads?: OpenPaperHeads;
  /** ONNX matting heads' models: the model manager's manifest and runners; the shipped manifest, in this process, when omitted. */
  headModels?: HeadModels;
}

/**
 * The method's three parts composed for one clip: a tracker for temporal consistency, a region-proposal
 * bridge for the uncertain boundary, a matting head for the fine alpha there. renderFrame is the one path
 * of a frame's matte: the viewer's preview, the export, the CLI (through the service) all take it.
 */
export class Engine {
  /** One instance per head for the clip's life: an ONNX head holds its session. */
  private readonly heads = new Map<string, Promise<MattingHead>>();
  private readonly paper: ReturnType<typeof paperHeadSlot>;

  /** `tracker`: the clip's tracker (see createTracker); the classic one when omitted. */
  constructor(
    private readonly source: FrameSource,
    readonly tracker: Tracker = new ClassicTracker(source),
    private readonly options: EngineOptions = {},
  ) {
    // The paper's head works on the tracker's own features and masks, not on the bridge's crops.
    this.paper = paperHeadSlot(tracker, options.openPaperHeads);
  }

  /** A new sequence of frames to render in order (an export), for chatter reduction between them. */
  sequence(): RenderSequence {
    return new SequenceStabilizer();
  }

  /** A frame and the matte (or the tracker's masks) of the given objects on it, at the frame's size. */
  renderFrame(frame: number, targets: readonly MatteTarget[], options: RenderOptions & { output?: 'matte' }): Promise<RenderedMatte & { source: MatteSource }>;
  renderFrame(frame: number, targets: readonly MatteTarget[], options: RenderOptions): Promise<RenderedMatte>;
  async renderFrame(frame: number, targets: readonly MatteTarget[], options: RenderOptions): Promise<RenderedMatte> {
    const image = await this.source.getFrame(frame, options.signal);
    const present = targets.flatMap(({ objectId, controls }) => {
      const result = this.tracker.getResult(objectId, frame);
      return result?.present ? [{ objectId, controls, mask: result.mask }] : [];
    });
    const { width, height } = image;
    const merged = (objects: readonly { alpha: GrayImage }[]) =>
      mergeAlphas(
        objects.map((o) => o.alpha),
        width,
        height,
      );
    if (options.output === 'mask') {
      const objects = present.map(({ objectId, mask }) => ({ objectId, mask, alpha: binaryMask([mask], width, height), decontamination: 1 }));
      // Merging 0/255 layers is their union: each mask is resized once, for its own layer.
      return { image, alpha: merged(objects), objects, source: null };
    }
    const { alphas, source } = await this.matteAlphas(image, frame, present, options);
    // Controls in frame pixels, so a preview matted smaller grows and feathers as the export does.
    // Chatter is reduced on the refined alpha: that is the matte whose chatter shows.
    const objects = present.map(({ objectId, controls, mask }, i) => {
      const refined = refineMatte(alphas[i], controls);
      const alpha = options.sequence ? options.sequence.apply(String(objectId), frame, image, refined, controls.temporalStability, mask) : refined;
      return { objectId, mask, alpha, decontamination: controls.decontamination };
    });
    const decontamination = decontaminationAmounts(
      objects.map((o) => ({ alpha: o.alpha, amount: o.decontamination })),
      width * height,
    );
    return { image, alpha: merged(objects), objects, decontamination, source };
  }

  /** The bridge's trimap of the given objects on a frame, merged, at the frame's resolution. */
  trimap(frame: number, objectIds: ObjectId[]): GrayImage {
    const masks = objectIds
      .map((id) => this.tracker.getResult(id, frame))
      .filter((r) => r?.present)
      .map((r) => r!.mask);
    return mergedTrimap(masks, bridge, this.source.width, this.source.height);
  }

  /** Frees the tracker's and the heads' model sessions; the engine is not used after. */
  async close(): Promise<void> {
    const opened = await Promise.allSettled(this.heads.values());
    this.heads.clear();
    await Promise.all([this.tracker.close?.(), this.paper.close(), ...opened.map((h) => (h.status === 'fulfilled' ? h.value.close?.() : undefined))]);
  }

  /** Each present object's alpha from the chosen head, and which head and quality made them. */
  private async matteAlphas(
    image: RgbaImage,
    frame: number,
    present: readonly { objectId: ObjectId; mask: GrayImage }[],
    { head, quality, signal }: RenderOptions,
  ): Promise<{ alphas: GrayImage[]; source: MatteSource }> {
    if (head === PAPER_HEAD_ID) {
      const headName = await this.paper.name();
      const mattes = await this.paper.matteObjects(
        image,
        frame,
        present.map((p) => p.objectId),
        quality,
        signal,
      );
      return { alphas: mattes.alphas, source: { head, headName, quality, ...(mattes.matted ?? { width: image.width, height: image.height }) } };
    }
    const matting = await this.head(head);
    const masks = present.map((p) => p.mask);
    const alphas =
      quality === 'preview'
        ? await matteObjectsWithin(PREVIEW_MAX_PIXELS, image, masks, bridge, matting, quality, signal)
        : await matteObjects(image, masks, bridge, matting, quality, signal);
    const size = quality === 'preview' ? mattingSize(image.width, image.height, PREVIEW_MAX_PIXELS) : image;
    return { alphas, source: { head, headName: matting.name, quality, width: size.width, height: size.height } };
  }

  /** A failed open is forgotten, so that installing the model and trying again works. */
  private head(id: string): Promise<MattingHead> {
    let head = this.heads.get(id);
    if (!head) {
      head = createHead(id, this.options.modelsDir, this.options.headModels);
      this.heads.set(id, head);
      head.catch(() => this.heads.delete(id));
    }
    return head;
  }
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
    : 'No GPU provider is installed: it is the fastest of the four on a CPU, about 5-13 s a tracked frame on 2 cores at its real sizes (README, SAM 2.1 speed).';
  return { modelId: model.id, why };
}

/**
 * What runs, and why a model does not, in words for the status bar; `known`: the model manager's manifest and
 * its models' states (else the shipped manifest, checked here).
 */
export async function describeEngine(modelsDir?: string, known?: { manifest: ModelManifest; models: ModelStatus[] }): Promise<EngineInfo> {
  const dir = resolveModelsDir(modelsDir);
  const manifest = known?.manifest ?? (await loadManifest());
  const models = known?.models ?? (await checkModels(manifest, dir));
  const sam2 = models.filter((m) => m.family === 'sam2-tracker');
  const installed = sam2.find((m) => m.state === 'installed');
  // Each clip opens its own tracker and reports it when opened (OpenedMedia.tracker); this is the expectation.
  const fallbackReason = installed ? null : `No SAM 2.1 model installed in ${dir} (each model in a folder named by its id): using the classic tracker.`;
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
