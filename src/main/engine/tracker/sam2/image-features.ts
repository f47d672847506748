/** Image-encoder outputs of one frame, computed once and shared by every object (SAM2 `_get_image_feature`). */
import { LruCache } from '../../../../shared/common/lru-cache';
import type { HostTensor, ModuleRunner } from '../../../inference/module-runner';

export interface FrameFeatures {
  channels: number;
  /** Grid side (64 for SAM 2.1). */
  grid: number;
  /** Vision feature, NCHW [C, grid²]: decoder input (+ no_mem_embed) and memory-encoder pix_feat. */
  pixFeat: Float32Array;
  /** The same as a sequence [grid², C] for memory attention (curr), and its positional encoding (curr_pos). */
  pixSeq: Float32Array;
  posSeq: Float32Array;
  highRes0: HostTensor;
  highRes1: HostTensor;
}

/** Columns a transpose walks per pass over a band of rows, so the band's reads stay in the cache. */
const TILE = 64;

/**
 * Row-major [rows, cols] → [cols, rows]. Four source rows at a time, so each output row gets four
 * consecutive writes per read position (about twice as fast as one row at a time).
 */
function transpose(data: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(data.length);
  const quads = rows - (rows % 4);
  for (let c0 = 0; c0 < cols; c0 += TILE) {
    const c1 = Math.min(cols, c0 + TILE);
    for (let r = 0; r < quads; r += 4) {
      const [a, b, c, d] = [r * cols, (r + 1) * cols, (r + 2) * cols, (r + 3) * cols];
      for (let k = c0; k < c1; k++) {
        const o = k * rows + r;
        out[o] = data[a + k];
        out[o + 1] = data[b + k];
        out[o + 2] = data[c + k];
        out[o + 3] = data[d + k];
      }
    }
    for (let r = quads; r < rows; r++) for (let k = c0; k < c1; k++) out[k * rows + r] = data[r * cols + k];
  }
  return out;
}

/** NCHW [C, n] → sequence [n, C] (SAM2's flatten(2).permute(2, 0, 1) with batch 1). */
export function channelsToSequence(data: Float32Array, channels: number): Float32Array {
  return transpose(data, channels, data.length / channels);
}

/** Sequence [n, C] → NCHW [C, n]. */
export function sequenceToChannels(data: Float32Array, channels: number): Float32Array {
  return transpose(data, data.length / channels, channels);
}

/**
 * `posSeq` may be the sequence of an earlier frame: SAM2's positional encoding depends only on the
 * feature size, so it is transposed once per session, not per frame.
 */
export async function encodeImage(runner: ModuleRunner, input: Float32Array, imageSize: number, posSeq: Float32Array | null, signal?: AbortSignal): Promise<FrameFeatures> {
  const out = await runner.run('image_encoder', { image: { type: 'float32', dims: [1, 3, imageSize, imageSize], data: input } }, signal);
  const pix = out.pix_feat;
  const [, channels, grid] = pix.dims;
  const pixFeat = pix.data as Float32Array;
  return {
    channels,
    grid,
    pixFeat,
    pixSeq: channelsToSequence(pixFeat, channels),
    posSeq: posSeq ?? channelsToSequence(out.pos_enc_2.data as Float32Array, channels),
    highRes0: out.high_res_0,
    highRes1: out.high_res_1,
  };
}

function featureBytes(f: FrameFeatures): number {
  return (f.pixFeat.length + f.pixSeq.length + f.posSeq.length + f.highRes0.data.length + f.highRes1.data.length) * 4;
}

/** Features by frame, least recently used dropped beyond `megabytes`. */
export function featureCache(megabytes: number): LruCache<number, FrameFeatures> {
  return new LruCache(megabytes * 1024 * 1024, featureBytes);
}
