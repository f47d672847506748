/**
 * SAM2's per-frame host loop over the ONNX modules (SAM2 `track_step`): image features once per frame in a
 * bounded cache (the next frame's pixels fetched ahead), memory conditioning (memory-conditioning.ts),
 * decoding (frame-decoder.ts), the frame's new memory, and the cleaned, upsampled output mask.
 */
import type { LruCache } from '../../../../shared/common/lru-cache';
import type { FrameSource } from '../../../../shared/engine';
import type { GrayImage } from '../../../../shared/media';
import type { ModuleSpec } from '../../../../shared/models';
import type { Prompt } from '../../../../shared/prompts';
import type { Sam2Constants } from './constants';
import { FrameDecoder, type Decoded } from './frame-decoder';
import { frameToModelInput } from './frame-input';
import { encodeImage, featureCache, type FrameFeatures } from './image-features';
import { fillSmallHoles, logitsToMask, type FloatMap } from './logit-maps';
import { MemoryConditioning, type MemoryOptions } from './memory-conditioning';
import type { MemoryLayout } from './model-layout';
import type { ModuleRunner } from '../../../inference/module-runner';
import type { MemoryEntry, ObjectMemory } from './object-memory';
import { encodePrompts } from './prompt-input';

/** SAM2 video predictor fill_hole_area, in low-res pixels. */
const FILL_HOLE_AREA = 8;

export interface Sam2SessionOptions {
  imageSize: number;
  /** The prompt encoder's module spec: which mask prompts it takes. */
  promptEncoder: ModuleSpec;
  memoryLayout: MemoryLayout;
  /** Masks come out at this size (the tracker's working resolution). */
  outputWidth: number;
  outputHeight: number;
  /** Bound of the image-feature cache. */
  featureCacheMB: number;
  /**
   * SAM2's fill_hole_area: small holes filled. SAM2 itself skips it without its CUDA
   * extension (any CPU install), so the reference runs have none.
   */
  fillHoles: boolean;
  memoryPrecision: MemoryOptions['memoryPrecision'];
}

export interface FrameStep {
  /** Tracking direction (for a correction: the direction the frame was tracked in). */
  reverse: boolean;
  /** No memory yet for this frame: feature + no_mem_embed instead of memory attention. */
  initial: boolean;
  /** The frame's prompts; null for a tracked frame. */
  prompts: Prompt[] | null;
  /** The frame's earlier low-res logits when it is being corrected, fed back as the mask prompt. */
  previous: Float32Array | null;
}

export type DecodeDetail = Pick<Decoded, 'maskToken' | 'pointerToken' | 'multimask' | 'objectScore'>;

export interface FrameOutcome {
  mask: GrayImage;
  /** The low-res logits SAM2 keeps for the frame (its pred_masks): a later correction's mask prompt. */
  logits: FloatMap;
  score: number;
  present: boolean;
  objectScore: number;
  detail: DecodeDetail;
  /** What the frame adds to the object's memory (prompted frames encode when first needed). */
  entry: MemoryEntry;
}

export class Sam2VideoSession {
  private readonly cache: LruCache<number, FrameFeatures>;
  private readonly ahead = new Map<number, Promise<Float32Array>>();
  private readonly decoder: FrameDecoder;
  private readonly memories: MemoryConditioning;
  /** The image encoder's positional encoding as a sequence, the same every frame. */
  private posSeq: Float32Array | null = null;

  constructor(
    private readonly runner: ModuleRunner,
    constants: Sam2Constants,
    private readonly source: FrameSource,
    private readonly options: Sam2SessionOptions,
  ) {
    this.cache = featureCache(options.featureCacheMB);
    this.decoder = new FrameDecoder(runner, constants, options.imageSize, options.promptEncoder);
    const { imageSize, memoryLayout, memoryPrecision } = options;
    const memoryOptions = { imageSize, memoryLayout, memoryPrecision, frameCount: source.frameCount };
    this.memories = new MemoryConditioning(runner, constants, memoryOptions, (frame, signal) => this.features(frame, signal));
  }

  /** Side of the low-res logits (SAM2: image size / 4). */
  get lowResSize(): number {
    return this.options.imageSize / 4;
  }

  /** Starts decoding and preparing a frame so its pixels are ready when it is processed. */
  prefetch(frame: number): void {
    if (frame < 0 || frame >= this.source.frameCount || this.cache.has(frame) || this.ahead.has(frame)) return;
    // Only the newest request is kept ahead: frames are processed in order.
    this.ahead.clear();
    // Started once this frame's work yields to onnxruntime, so preparing the next frame overlaps the current inference.
    const pending = new Promise((resolve) => setImmediate(resolve)).then(() => this.modelInput(frame));
    pending.catch(() => this.ahead.delete(frame));
    this.ahead.set(frame, pending);
  }

  /** Whether the frame's image features are cached: a prompt there skips the image encoder. */
  hasFeatures(frame: number): boolean {
    return this.cache.has(frame);
  }

  async features(frame: number, signal?: AbortSignal): Promise<FrameFeatures> {
    const cached = this.cache.get(frame);
    if (cached) return cached;
    const input = await (this.ahead.get(frame) ?? this.modelInput(frame, signal));
    this.ahead.delete(frame);
    const features = await this.encode(input, signal);
    this.posSeq = features.posSeq;
    this.cache.set(frame, features);
    return features;
  }

  /** The image encoder on any input at the model's size (not a frame of the clip: nothing is cached). */
  encode(input: Float32Array, signal?: AbortSignal): Promise<FrameFeatures> {
    return encodeImage(this.runner, input, this.options.imageSize, this.posSeq, signal);
  }

  clearFeatures(): void {
    this.cache.clear();
    this.posSeq = null;
    this.ahead.clear();
  }

  /** Runs one frame for one object. The caller stores `entry` as a conditioning or tracked memory. */
  async step(memory: ObjectMemory, frame: number, step: FrameStep, signal?: AbortSignal): Promise<FrameOutcome> {
    const feats = await this.features(frame, signal);
    const lowRes = 4 * feats.grid;
    const input = step.prompts
      ? encodePrompts(step.prompts, { frameWidth: this.source.width, frameHeight: this.source.height, imageSize: this.options.imageSize, lowRes }, step.previous)
      : null;
    const decoded = input?.maskOnly
      ? await this.decoder.maskAsOutput(feats, input.maskOnly, signal)
      : await this.decoder.decode(feats, input, step.initial ? null : await this.memories.conditioned(memory, frame, step.reverse, feats, signal), signal);

    // SAM2 keeps the cleaned logits; a prompted frame's memory is encoded from them later, binarised,
    // while a tracked frame's memory comes from the decoder's own logits now.
    const logits = this.options.fillHoles ? fillSmallHoles(decoded.logits, FILL_HOLE_AREA) : decoded.logits;
    const fromPrompts = step.prompts !== null;
    const entry: MemoryEntry = fromPrompts
      ? { features: null, pending: { logits, fromPrompts, present: decoded.present }, pointer: decoded.pointer }
      : { features: await this.memories.encodeMemory(feats, decoded.logits, false, decoded.present, signal), pending: null, pointer: decoded.pointer };
    const { maskToken, pointerToken, multimask, objectScore } = decoded;
    return {
      mask: logitsToMask(logits, this.options.outputWidth, this.options.outputHeight),
      logits,
      score: Math.max(0, Math.min(1, decoded.score)),
      present: decoded.present,
      objectScore,
      detail: { maskToken, pointerToken, multimask, objectScore },
      entry,
    };
  }

  private async modelInput(frame: number, signal?: AbortSignal): Promise<Float32Array> {
    return frameToModelInput(await this.source.getFrame(frame, signal), this.options.imageSize);
  }
}
