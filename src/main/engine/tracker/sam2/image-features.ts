/** Image-encoder outputs of one frame, computed once and shared by every object (spec §4.1). */
import { LruCache } from '../../../media/lru-cache';
import type { HostTensor, ModuleRunner } from './module-runner';

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

/** NCHW [C, n] → sequence [n, C] (SAM2's flatten(2).permute(2, 0, 1) with batch 1). */
export function channelsToSequence(data: Float32Array, channels: number): Float32Array {
  const n = data.length / channels;
  const out = new Float32Array(data.length);
  for (let c = 0; c < channels; c++) for (let i = 0; i < n; i++) out[i * channels + c] = data[c * n + i];
  return out;
}

/** Sequence [n, C] → NCHW [C, n]. */
export function sequenceToChannels(data: Float32Array, channels: number): Float32Array {
  const n = data.length / channels;
  const out = new Float32Array(data.length);
  for (let i = 0; i < n; i++) for (let c = 0; c < channels; c++) out[c * n + i] = data[i * channels + c];
  return out;
}

export async function encodeImage(runner: ModuleRunner, input: Float32Array, imageSize: number, signal?: AbortSignal): Promise<FrameFeatures> {
  const out = await runner.run('image_encoder', { image: { type: 'float32', dims: [1, 3, imageSize, imageSize], data: input } }, signal);
  const pix = out.pix_feat;
  const [, channels, grid] = pix.dims;
  const pixFeat = pix.data as Float32Array;
  return {
    channels,
    grid,
    pixFeat,
    pixSeq: channelsToSequence(pixFeat, channels),
    posSeq: channelsToSequence(out.pos_enc_2.data as Float32Array, channels),
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
