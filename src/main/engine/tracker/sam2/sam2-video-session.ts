/**
 * SAM2's per-frame host loop over the ONNX modules (spec §4): memory conditioning, prompt encoding,
 * decoding with SAM2's token choice and object-score rule, pointer and memory encoding. Image features
 * are computed once per frame into a bounded cache; the next frame's pixels can be fetched ahead.
 */
import type { FrameSource } from '../../../../shared/engine';
import type { GrayImage } from '../../../../shared/media';
import type { Prompt } from '../../../../shared/prompts';
import type { LruCache } from '../../../media/lru-cache';
import type { Sam2Constants } from './constants';
import { frameToModelInput } from './frame-input';
import { encodeImage, featureCache, sequenceToChannels, channelsToSequence, type FrameFeatures } from './image-features';
import { blockConvolve, cleanSmallRegions, logitsToMask, maskToLogits, resizeBilinear, type FloatMap } from './logit-maps';
import { memoryAttentionInputs, type PointerMemory, type SpatialMemory } from './memory-inputs';
import { selectPointers, selectSpatialMemories } from './memory-selection';
import type { MemoryLayout } from './model-layout';
import type { HostTensor, ModuleRunner } from './module-runner';
import type { MemoryEntry, ObjectMemory } from './object-memory';
import { encodePrompts, maskPromptFromBinary, type PromptInput } from './prompt-input';
import { chooseToken, maskForMemory, MEM_BIAS, MEM_SCALE, NO_OBJ_SCORE, pointerSineEncoding, useMultimask } from './sam2-math';

/** SAM2 video predictor fill_hole_area, in low-res pixels. */
const FILL_HOLE_AREA = 8;

export interface Sam2SessionOptions {
  imageSize: number;
  memoryLayout: MemoryLayout;
  /** Masks come out at this size (the tracker's working resolution). */
  outputWidth: number;
  outputHeight: number;
  /** Bound of the image-feature cache. */
  featureCacheMB: number;
}

export interface FrameStep {
  /** Tracking direction (for a correction: the direction the frame was tracked in). */
  reverse: boolean;
  /** No memory yet for this frame: feature + no_mem_embed instead of memory attention. */
  initial: boolean;
  /** The frame's prompts; null for a tracked frame. */
  prompts: Prompt[] | null;
  /** The frame's earlier mask when it is being corrected, fed back as the mask prompt. */
  previous: GrayImage | null;
}

export interface FrameOutcome {
  mask: GrayImage;
  score: number;
  present: boolean;
  objectScore: number;
  /** What the frame adds to the object's memory (conditioning entries encode when first needed). */
  entry: MemoryEntry;
}

interface Decoded {
  logits: FloatMap;
  score: number;
  present: boolean;
  objectScore: number;
  pointer: Float32Array;
}

const f32 = (dims: number[], data: Float32Array): HostTensor => ({ type: 'float32', dims, data });

export class Sam2VideoSession {
  private readonly cache: LruCache<number, FrameFeatures>;
  private readonly ahead = new Map<number, Promise<Float32Array>>();
  /** maskmem_pos_enc is the same for every frame (spec §2.5): kept from the first memory encoder run. */
  private memPosSeq: Float32Array | null = null;
  /** Its sum with each maskmem_tpos_enc row, by row. */
  private readonly memoryPositionRows = new Map<number, Float32Array>();
  /** The image encoder's positional encoding as a sequence, the same every frame. */
  private posSeq: Float32Array | null = null;

  constructor(
    private readonly runner: ModuleRunner,
    private readonly constants: Sam2Constants,
    private readonly source: FrameSource,
    private readonly options: Sam2SessionOptions,
  ) {
    this.cache = featureCache(options.featureCacheMB);
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

  async features(frame: number, signal?: AbortSignal): Promise<FrameFeatures> {
    const cached = this.cache.get(frame);
    if (cached) return cached;
    const input = await (this.ahead.get(frame) ?? this.modelInput(frame, signal));
    this.ahead.delete(frame);
    const features = await encodeImage(this.runner, input, this.options.imageSize, this.posSeq, signal);
    this.posSeq = features.posSeq;
    this.cache.set(frame, features);
    return features;
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
      ? encodePrompts(step.prompts, { frameWidth: this.source.width, frameHeight: this.source.height, imageSize: this.options.imageSize, lowRes }, step.previous ? maskToLogits(step.previous, lowRes, lowRes).data : null)
      : null;
    const decoded = input?.maskOnly
      ? await this.maskAsOutput(feats, input.maskOnly, signal)
      : await this.decode(feats, input, step.initial ? null : await this.conditioned(memory, frame, step.reverse, feats, signal), signal);

    const fromPrompts = step.prompts !== null;
    const entry: MemoryEntry = fromPrompts
      ? { features: null, pending: { logits: decoded.logits, fromPrompts, present: decoded.present }, pointer: decoded.pointer }
      : { features: await this.encodeMemory(feats, decoded.logits, false, decoded.present, signal), pending: null, pointer: decoded.pointer };
    const cleaned = cleanSmallRegions(decoded.logits, FILL_HOLE_AREA);
    return {
      mask: logitsToMask(cleaned, this.options.outputWidth, this.options.outputHeight),
      score: Math.max(0, Math.min(1, decoded.score)),
      present: decoded.present,
      objectScore: decoded.objectScore,
      entry,
    };
  }

  private async modelInput(frame: number, signal?: AbortSignal): Promise<Float32Array> {
    return frameToModelInput(await this.source.getFrame(frame, signal), this.options.imageSize);
  }

  /** Vision feature + no_mem_embed in every position (directly_add_no_mem_embed). */
  private withoutMemory(feats: FrameFeatures): Float32Array {
    const out = feats.pixFeat.slice();
    const n = feats.grid * feats.grid;
    for (let c = 0; c < feats.channels; c++) for (let i = 0; i < n; i++) out[c * n + i] += this.constants.noMemEmbed[c];
    return out;
  }

  /** Memory attention over the selected memories, NCHW [C, grid²]; null when there is nothing to attend. */
  private async conditioned(memory: ObjectMemory, frame: number, reverse: boolean, feats: FrameFeatures, signal?: AbortSignal): Promise<Float32Array | null> {
    const picks = selectSpatialMemories(frame, memory.spatialIndex(), reverse);
    if (picks.length === 0) return null;
    const spatial: SpatialMemory[] = [];
    for (const pick of picks) {
      const features = await this.ensureEncoded(memory.entry(pick.frame, pick.cond)!, pick.frame, signal);
      spatial.push({ features, positions: this.memoryPositions(pick.tposIndex) });
    }
    const { picks: pointerPicks, tDiffMax } = selectPointers(frame, memory.pointerIndex(), reverse, this.source.frameCount);
    const pointers: PointerMemory[] = [];
    if (pointerPicks.length > 0) {
      const { channels: C, memChannels: Cm } = this.constants;
      const sine = pointerSineEncoding(pointerPicks.map((p) => p.position), tDiffMax, C);
      const projected = (await this.runner.run('obj_ptr_tpos_proj', { tpos_sine: f32([pointerPicks.length, C], sine) }, signal)).tpos_enc.data as Float32Array;
      pointerPicks.forEach((p, i) => {
        const cond = memory.cond.has(p.frame);
        pointers.push({ pointer: memory.entry(p.frame, cond)!.pointer, position: projected.slice(i * Cm, (i + 1) * Cm) });
      });
    }
    const feed = { curr: feats.pixSeq, currPos: feats.posSeq, channels: feats.channels, memChannels: this.constants.memChannels, spatial, pointers };
    const out = await this.runner.run('memory_attention', memoryAttentionInputs(feed, this.options.memoryLayout), signal);
    return sequenceToChannels(out.conditioned.data as Float32Array, feats.channels);
  }

  /** maskmem_pos_enc + maskmem_tpos_enc[row], per position; one array per row for the whole session. */
  private memoryPositions(tposIndex: number): Float32Array {
    let rows = this.memoryPositionRows.get(tposIndex);
    if (!rows) {
      const row = this.constants.maskmemTposEnc[tposIndex];
      rows = this.memPosSeq!.map((v, i) => v + row[i % row.length]);
      this.memoryPositionRows.set(tposIndex, rows);
    }
    return rows;
  }

  private async ensureEncoded(entry: MemoryEntry, frame: number, signal?: AbortSignal): Promise<Float32Array> {
    if (!entry.features) {
      const { logits, fromPrompts, present } = entry.pending!;
      entry.features = await this.encodeMemory(await this.features(frame, signal), logits, fromPrompts, present, signal);
      entry.pending = null;
    }
    return entry.features;
  }

  /** Memory encoder on the unconditioned feature and the scaled mask; no_obj_embed_spatial when absent (spec §4.5). */
  private async encodeMemory(feats: FrameFeatures, logits: FloatMap, fromPrompts: boolean, present: boolean, signal?: AbortSignal): Promise<Float32Array> {
    const size = this.options.imageSize;
    const mask = maskForMemory(resizeBilinear(logits, size, size).data, fromPrompts);
    const out = await this.runner.run(
      'memory_encoder',
      { pix_feat: f32([1, feats.channels, feats.grid, feats.grid], feats.pixFeat), mask: f32([1, 1, size, size], mask) },
      signal,
    );
    const Cm = this.constants.memChannels;
    this.memPosSeq ??= channelsToSequence(out.maskmem_pos_enc.data as Float32Array, Cm);
    const features = channelsToSequence(out.maskmem_features.data as Float32Array, Cm);
    if (!present) for (let i = 0; i < features.length; i++) features[i] += this.constants.noObjEmbedSpatial[i % Cm];
    return features;
  }

  private async promptAndDecode(feats: FrameFeatures, embeddings: Float32Array, input: PromptInput | null, maskPrompt: Float32Array | null, signal?: AbortSignal) {
    const lowRes = 4 * feats.grid;
    // No points: one padding point (0, 0) labelled −1, as SAM2 does.
    const count = input && input.labels.length > 0 ? input.labels.length : 0;
    const prompt = await this.runner.run(
      'prompt_encoder',
      {
        coords: f32([1, Math.max(1, count), 2], count ? input!.coords : new Float32Array(2)),
        labels: { type: 'int32', dims: [1, Math.max(1, count)], data: count ? input!.labels : Int32Array.of(-1) },
        mask_prompt: f32([1, 1, lowRes, lowRes], maskPrompt ?? new Float32Array(lowRes * lowRes)),
        mask_enable: { type: 'int32', dims: [1], data: Int32Array.of(maskPrompt ? 1 : 0) },
      },
      signal,
    );
    const { channels: C, grid } = feats;
    const decoded = await this.runner.run(
      'mask_decoder',
      {
        image_embeddings: f32([1, C, grid, grid], embeddings),
        image_pe: prompt.image_pe,
        sparse: prompt.sparse,
        dense: prompt.dense,
        high_res_0: feats.highRes0,
        high_res_1: feats.highRes1,
      },
      signal,
    );
    return { count, decoded };
  }

  private async decode(feats: FrameFeatures, input: PromptInput | null, conditioned: Float32Array | null, signal?: AbortSignal): Promise<Decoded> {
    const embeddings = conditioned ?? this.withoutMemory(feats);
    const { count, decoded } = await this.promptAndDecode(feats, embeddings, input, input?.maskLogits ?? null, signal);
    const [, tokens, height, width] = decoded.masks.dims;
    const plane = height * width;
    const masks = decoded.masks.data as Float32Array;
    const iou = decoded.iou.data as Float32Array;
    if (tokens !== iou.length) throw new Error(`mask decoder: ${tokens} masks but ${iou.length} IoU scores`);
    const choice = chooseToken(iou, masks, plane, useMultimask(count));
    const objectScore = (decoded.object_score.data as Float32Array)[0];
    const present = objectScore > 0;
    const logits = present ? masks.slice(choice.maskToken * plane, (choice.maskToken + 1) * plane) : new Float32Array(plane).fill(NO_OBJ_SCORE);
    const pointer = present ? await this.pointerOf(decoded.tokens, choice.pointerToken, signal) : this.constants.noObjPtr.slice();
    return { logits: { width, height, data: logits }, score: iou[choice.maskToken], present, objectScore, pointer };
  }

  private async pointerOf(tokens: HostTensor, token: number, signal?: AbortSignal): Promise<Float32Array> {
    const C = tokens.dims[2];
    const row = (tokens.data as Float32Array).slice(token * C, (token + 1) * C);
    return (await this.runner.run('mlp', { token: f32([1, C], row) }, signal)).obj_ptr.data as Float32Array;
  }

  /**
   * A mask given alone is the output (use_mask_input_as_output_without_sam, spec §4.6): logits M·20−10
   * downsampled, IoU 1, presence = any pixel set; the pointer comes from decoding the raw feature with
   * the mask (through mask_downsample) as the mask prompt.
   */
  private async maskAsOutput(feats: FrameFeatures, binary: Float32Array, signal?: AbortSignal): Promise<Decoded> {
    const size = this.options.imageSize;
    const lowRes = 4 * feats.grid;
    const { kernel, weight, bias } = this.constants.maskDownsample;
    if (size / kernel !== lowRes) throw new Error(`SAM2 constants: mask_downsample kernel ${kernel} does not take ${size} to ${lowRes}`);
    const maskPrompt = blockConvolve({ width: size, height: size, data: binary }, kernel, weight, bias).data;
    const { decoded } = await this.promptAndDecode(feats, feats.pixFeat, null, maskPrompt, signal);
    const present = binary.some((v) => v > 0);
    const pointer = present ? await this.pointerOf(decoded.tokens, 0, signal) : this.constants.noObjPtr.slice();
    return {
      logits: { width: lowRes, height: lowRes, data: maskPromptFromBinary(binary, size, lowRes) },
      score: 1,
      present,
      // SAM2 uses the same 20 / −10 as its object-score logit for a given mask.
      objectScore: present ? MEM_SCALE + MEM_BIAS : MEM_BIAS,
      pointer,
    };
  }
}
