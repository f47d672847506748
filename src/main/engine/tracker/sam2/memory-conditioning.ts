/**
 * The memory side of a frame (SAM2 `_prepare_memory_conditioned_features`, `_encode_new_memory`): memory attention over the selected memories and
 * pointers, and the memory encoder that turns a final mask into a memory.
 */
import type { Sam2Constants } from './constants';
import { channelsToSequence, sequenceToChannels, type FrameFeatures } from './image-features';
import { upsampledMaskForMemory, type FloatMap } from './logit-maps';
import { concat, memoryAttentionInputs, type PointerMemory } from './memory-inputs';
import { selectPointers, selectSpatialMemories } from './memory-selection';
import type { MemoryLayout } from './model-layout';
import { floatTensor } from '../../../inference/float-tensor';
import type { ModuleRunner } from '../../../inference/module-runner';
import type { MemoryEntry, ObjectMemory } from './object-memory';
import { pointerSineEncoding, roundToBfloat16 } from './sam2-math';

export interface MemoryOptions {
  imageSize: number;
  memoryLayout: MemoryLayout;
  frameCount: number;
  /** Memory features kept at bfloat16 precision, as SAM2's video predictor keeps them, or at float32. */
  memoryPrecision: 'bfloat16' | 'float32';
}

export class MemoryConditioning {
  /** maskmem_pos_enc is the same for every frame (it depends only on the feature size): kept from the first memory encoder run. */
  private memPosSeq: Float32Array | null = null;
  /** Its sum with each maskmem_tpos_enc row, by row. */
  private readonly memoryPositionRows = new Map<number, Float32Array>();
  private lastPositions: { key: string; rows: Float32Array } | null = null;

  constructor(
    private readonly runner: ModuleRunner,
    private readonly constants: Sam2Constants,
    private readonly options: MemoryOptions,
    /** Features of a frame whose prompted memory is encoded late. */
    private readonly features: (frame: number, signal?: AbortSignal) => Promise<FrameFeatures>,
  ) {}

  /** Memory attention over the selected memories, NCHW [C, grid²]; null when there is nothing to attend. */
  async conditioned(memory: ObjectMemory, frame: number, reverse: boolean, feats: FrameFeatures, signal?: AbortSignal): Promise<Float32Array | null> {
    const picks = selectSpatialMemories(frame, memory.spatialIndex(), reverse);
    if (picks.length === 0) return null;
    const spatial: Float32Array[] = [];
    for (const pick of picks) spatial.push(await this.ensureEncoded(memory.entry(pick.frame, pick.cond)!, pick.frame, signal));
    const spatialPos = this.joinedPositions(picks.map((p) => p.tposIndex));
    const { picks: pointerPicks, tDiffMax } = selectPointers(frame, memory.pointerIndex(), reverse, this.options.frameCount);
    const pointers: PointerMemory[] = [];
    if (pointerPicks.length > 0) {
      const { channels: C, memChannels: Cm } = this.constants;
      const sine = pointerSineEncoding(
        pointerPicks.map((p) => p.position),
        tDiffMax,
        C,
      );
      const projected = (await this.runner.run('obj_ptr_tpos_proj', { tpos_sine: floatTensor([pointerPicks.length, C], sine) }, signal)).tpos_enc.data as Float32Array;
      pointerPicks.forEach((p, i) => {
        const cond = memory.cond.has(p.frame);
        pointers.push({ pointer: memory.entry(p.frame, cond)!.pointer, position: projected.slice(i * Cm, (i + 1) * Cm) });
      });
    }
    const feed = { curr: feats.pixSeq, currPos: feats.posSeq, channels: feats.channels, memChannels: this.constants.memChannels, spatial, spatialPos, pointers };
    const out = await this.runner.run('memory_attention', memoryAttentionInputs(feed, this.options.memoryLayout), signal);
    return sequenceToChannels(out.conditioned.data as Float32Array, feats.channels);
  }

  /**
   * The position rows of the selected memories, joined. Tracking frame after frame selects the same
   * rows each time, so the last joined array is kept and handed out again (runners only read inputs).
   */
  private joinedPositions(tposIndices: number[]): Float32Array {
    const key = tposIndices.join(',');
    if (this.lastPositions?.key !== key) this.lastPositions = { key, rows: concat(tposIndices.map((i) => this.memoryPositions(i))) };
    return this.lastPositions.rows;
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

  /** Memory encoder on the unconditioned feature and the scaled mask; no_obj_embed_spatial when absent; stored at the configured precision. */
  async encodeMemory(feats: FrameFeatures, logits: FloatMap, fromPrompts: boolean, present: boolean, signal?: AbortSignal): Promise<Float32Array> {
    const size = this.options.imageSize;
    const mask = upsampledMaskForMemory(logits, size, fromPrompts);
    const out = await this.runner.run(
      'memory_encoder',
      { pix_feat: floatTensor([1, feats.channels, feats.grid, feats.grid], feats.pixFeat), mask: floatTensor([1, 1, size, size], mask) },
      signal,
    );
    const Cm = this.constants.memChannels;
    this.memPosSeq ??= channelsToSequence(out.maskmem_pos_enc.data as Float32Array, Cm);
    const features = channelsToSequence(out.maskmem_features.data as Float32Array, Cm);
    if (!present) for (let i = 0; i < features.length; i++) features[i] += this.constants.noObjEmbedSpatial[i % Cm];
    return this.options.memoryPrecision === 'bfloat16' ? roundToBfloat16(features) : features;
  }
}
