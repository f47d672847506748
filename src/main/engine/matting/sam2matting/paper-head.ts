/**
 * The paper's bridge and matting head in the app ("SAM2Matting (paper)", head id 'sam2matting'): for a
 * tracked frame, SAM2Matting's heads graph (heads-graph.ts) is fed what the SAM 2.1 tracker itself
 * computed for that frame, as the paper's video predictor does:
 *
 *   backbone_fpn_0/1/2  the tracker's image-encoder outputs of the frame, from its feature cache
 *                       (never a second encoder of our own; a frame evicted from the cache is encoded
 *                       again by the tracker's own encoder, once)
 *   image               the frame as that encoder saw it (frameToModelInput: SAM2's squeeze to 1024²)
 *   mask                the tracker's low-res logits of the object (SAM2's pred_masks, 256²) > 0
 *
 * and the alpha it returns (512² at SAM 2.1's grid of 64) is resized bilinearly (align_corners=False,
 * as F.interpolate) to the frame. Each object's alpha comes back on its own: the engine applies the
 * object's matte controls and merges the objects as for any head (engine.ts, compose.ts). This is
 * the 'preview' quality.
 *
 * 'final' is the detail mode, beyond the paper: its 512² alpha stretched over a 1080p frame is soft, over
 * 4K useless. The bridge's band around each object is covered by overlapping tiles of DETAIL_TILE source
 * pixels; each tile goes through the tracker's own image encoder and the heads at the model's size, with
 * the tracker's mask cropped to the tile, so its 512² alpha is at (or above) the source's resolution. Tiles
 * are blended with the seamless weights of the other heads' tiles (TileBlender); the preview alpha stays
 * where no tile reaches (far from any edge, where both are 0 or 1).
 */
import type { MattingQuality, Rect, TrackResult } from '../../../../shared/engine';
import { resizeGrayBilinear } from '../../../../shared/common/resize';
import { isUnknown } from '../../../../shared/common/trimap-values';
import { cropGray, cropRgba } from '../../../imaging/crop';
import { BandBridge } from '../../bridge/band-bridge';
import { gridTiles, TileBlender } from '../tile-blend';
import type { GrayImage, RgbaImage } from '../../../../shared/media';
import type { ObjectId } from '../../../../shared/prompts';
import { abortError } from '../../../../shared/common/abort';
import { ModelError } from '../../../../shared/model-error';
import { frameToModelInput } from '../../tracker/sam2/frame-input';
import type { FrameFeatures } from '../../tracker/sam2/image-features';
import { maskToLogits, resizeBilinear, type FloatMap } from '../../tracker/sam2/logit-maps';
import type { HostTensor, ModuleRunner } from '../../../inference/module-runner';

export const PAPER_HEAD_ID = 'sam2matting';
export const PAPER_HEAD_TITLE = 'SAM2Matting (paper)';
/** The heads' module role in the manifest. */
export const HEADS_ROLE = 'heads';
/** Source pixels a detail tile covers: the heads' 512² alpha of a 1024² input is then one value per source pixel. */
export const DETAIL_TILE = 512;
/** Tiles overlap this much, so the blend fades seams out. */
const DETAIL_OVERLAP = 64;
const bridge = new BandBridge();

/** Each object's alpha at the frame's size, and the size the heads matted at (null: no object was present). */
export interface PaperMattes {
  alphas: GrayImage[];
  matted: { width: number; height: number } | null;
}

/** What the head needs of the tracker: the SAM 2.1 tracker (Sam2Tracker) has all of it. */
export interface PaperTracker {
  imageFeatures(frame: number, signal?: AbortSignal): Promise<FrameFeatures>;
  /** The tracker's encoder on a detail tile (at the model's input size). */
  encodeImage(input: Float32Array, signal?: AbortSignal): Promise<FrameFeatures>;
  lowResLogits(objectId: ObjectId, frame: number): FloatMap | undefined;
  getResult(objectId: ObjectId, frame: number): TrackResult | undefined;
}

export function isPaperTracker(tracker: object): tracker is PaperTracker {
  const t = tracker as Partial<PaperTracker>;
  return typeof t.imageFeatures === 'function' && typeof t.lowResLogits === 'function' && typeof t.encodeImage === 'function';
}

/** The heads opened through the model manager, paired with the tracker's model. */
export interface OpenedPaperHeads {
  runner: ModuleRunner;
  /** The heads model's title, e.g. "SAM2Matting (SAM 2.1 Tiny)". */
  title: string;
}

export type OpenPaperHeads = () => Promise<OpenedPaperHeads>;

/** The inputs of the heads graph for one object on one frame. */
export function headsInputs(features: FrameFeatures, image: Float32Array, logits: FloatMap): Record<string, HostTensor> {
  const { grid, channels } = features;
  const side = 16 * grid;
  if (image.length !== 3 * side * side) throw new Error(`The frame input has ${image.length} values, expected 3×${side}×${side} for a grid of ${grid}`);
  if (logits.width !== 4 * grid || logits.height !== 4 * grid)
    throw new Error(`The low-res logits are ${logits.width}x${logits.height}, expected ${4 * grid}² for a grid of ${grid}`);
  const mask = new Float32Array(logits.data.length);
  for (let i = 0; i < mask.length; i++) mask[i] = logits.data[i] > 0 ? 1 : 0;
  return {
    backbone_fpn_0: features.highRes0,
    backbone_fpn_1: features.highRes1,
    backbone_fpn_2: { type: 'float32', dims: [1, channels, grid, grid], data: features.pixFeat },
    image: { type: 'float32', dims: [1, 3, side, side], data: image },
    mask: { type: 'float32', dims: [1, 1, logits.height, logits.width], data: mask },
  };
}

/** The detail tiles of a frame: a grid of DETAIL_TILE squares, overlapping, those that hold part of the bridge's unknown band. */
export function detailTiles(trimap: GrayImage): Rect[] {
  const { width, data } = trimap;
  return gridTiles(trimap.width, trimap.height, DETAIL_TILE, DETAIL_OVERLAP).filter((t) => {
    for (let y = t.y; y < t.y + t.height; y++) for (let x = t.x; x < t.x + t.width; x++) if (isUnknown(data[y * width + x])) return true;
    return false;
  });
}

export class PaperMattingHead {
  readonly name: string;

  constructor(
    private readonly tracker: PaperTracker,
    private readonly heads: OpenedPaperHeads,
  ) {
    this.name = `${PAPER_HEAD_TITLE}: ${heads.title}`;
  }

  /**
   * Each object's alpha on the frame at the frame's size, in the order asked (zero where an object is not
   * present); `image` is the frame as the tracker's source gives it. 'final' adds the detail tiles.
   */
  async matteObjects(image: RgbaImage, frame: number, objectIds: readonly ObjectId[], quality: MattingQuality, signal?: AbortSignal): Promise<PaperMattes> {
    const { width, height } = image;
    const n = width * height;
    const results = objectIds.map((id) => this.tracker.getResult(id, frame));
    if (!results.some((r) => r?.present)) return { alphas: objectIds.map(() => ({ width, height, data: new Uint8Array(n) })), matted: null };
    // Once per frame: the tracker's cached features, and the frame as its encoder saw it.
    const features = await this.tracker.imageFeatures(frame, signal);
    const input = frameToModelInput(image, 16 * features.grid);
    const alphas: GrayImage[] = [];
    let matted: PaperMattes['matted'] = null;
    for (const [k, id] of objectIds.entries()) {
      if (signal?.aborted) throw abortError();
      const result = results[k];
      const out = new Uint8Array(n);
      if (result?.present) {
        const lowRes = 4 * features.grid;
        // Evicted from the tracker's bounded logit cache: recovered from its stored mask, as the tracker does for corrections.
        const logits = this.tracker.lowResLogits(id, frame) ?? maskToLogits(result.mask, lowRes, lowRes);
        const heads = await this.heads.runner.run(HEADS_ROLE, headsInputs(features, input, logits), signal);
        const alpha = this.alphaMap(heads.alpha);
        matted = { width: alpha.width, height: alpha.height };
        const { data } = resizeBilinear(alpha, width, height);
        if (quality === 'final') {
          await this.addDetail(image, result.mask, data, features.grid, signal);
          matted = { width, height };
        }
        for (let i = 0; i < n; i++) out[i] = Math.round(255 * Math.min(1, Math.max(0, data[i])));
      }
      alphas.push({ width, height, data: out });
    }
    return { alphas, matted };
  }

  /** The detail mode (see the module comment): `alpha` (0..1, frame size) gets the tiles' alphas where they reach. */
  private async addDetail(image: RgbaImage, trackerMask: GrayImage, alpha: Float32Array, grid: number, signal?: AbortSignal): Promise<void> {
    const { width, height } = image;
    const mask = resizeGrayBilinear(trackerMask, width, height);
    const { trimap } = bridge.propose(mask, width, height);
    const blender = new TileBlender(width, height);
    for (const tile of detailTiles(trimap)) {
      if (signal?.aborted) throw abortError();
      const input = frameToModelInput(cropRgba(image, tile), 16 * grid);
      const features = await this.tracker.encodeImage(input, signal);
      const logits = maskToLogits(cropGray(mask, tile), 4 * grid, 4 * grid);
      const heads = await this.heads.runner.run(HEADS_ROLE, headsInputs(features, input, logits), signal);
      blender.add(resizeBilinear(this.alphaMap(heads.alpha), tile.width, tile.height).data, tile);
    }
    for (let i = 0; i < alpha.length; i++) alpha[i] = blender.value(i, alpha[i]);
  }

  close(): Promise<void> {
    return this.heads.runner.close();
  }

  private alphaMap(tensor: HostTensor | undefined): FloatMap {
    const dims = tensor?.dims ?? [];
    if (!tensor || tensor.type !== 'float32' || dims.length !== 4 || dims[0] !== 1 || dims[1] !== 1) {
      throw new ModelError('mismatch', `${this.heads.title}: the heads returned alpha [${dims.join(',')}], expected [1,1,H,W] float32`);
    }
    return { width: dims[3], height: dims[2], data: tensor.data as Float32Array };
  }
}

/**
 * The clip's paper head, opened on first use through `open` (the model manager: pairing checked, pins,
 * providers, a worker); a failed open is forgotten, so installing or pairing the models and trying
 * again works. Without a SAM 2.1 tracker or an opener it says why it cannot run.
 */
export function paperHeadSlot(tracker: object, open: OpenPaperHeads | undefined) {
  let opened: Promise<PaperMattingHead> | null = null;
  const head = (): Promise<PaperMattingHead> => {
    if (!opened) {
      const pending = (async () => {
        if (!isPaperTracker(tracker)) {
          throw new ModelError(
            'unsupported',
            `${PAPER_HEAD_TITLE} needs the SAM 2.1 tracker's own features; this clip runs ${'name' in tracker ? String(tracker.name) : 'another tracker'}. Install a SAM 2.1 model and open the clip again.`,
          );
        }
        if (!open) throw new ModelError('unsupported', `${PAPER_HEAD_TITLE} runs through the app's model manager (the editor, or sam2matting render); it is not available here.`);
        return new PaperMattingHead(tracker, await open());
      })();
      pending.catch(() => opened === pending && (opened = null));
      opened = pending;
    }
    return opened;
  };
  return {
    /** The opened head's own name for what runs (opening it, or saying why it cannot run). */
    async name(): Promise<string> {
      return (await head()).name;
    },
    async matteObjects(image: RgbaImage, frame: number, objectIds: readonly ObjectId[], quality: MattingQuality, signal?: AbortSignal): Promise<PaperMattes> {
      return (await head()).matteObjects(image, frame, objectIds, quality, signal);
    },
    async close(): Promise<void> {
      const current = opened;
      opened = null;
      const closing = await current?.catch(() => null);
      await closing?.close();
    },
  };
}
