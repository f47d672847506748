/**
 * The memory-attention feed (the end of SAM2's `_prepare_memory_conditioned_features`): spatial memory rows with their position rows, then
 * object-pointer tokens (each C-wide pointer split into C/Cm tokens, its position repeated for each),
 * in the tensor layout the export takes.
 */
import type { MemoryLayout } from './model-layout';
import type { TensorMap } from '../../../inference/module-runner';

export interface PointerMemory {
  /** obj_ptr [C]. */
  pointer: Float32Array;
  /** Projected temporal encoding [Cm]. */
  position: Float32Array;
}

export interface MemoryFeed {
  curr: Float32Array;
  currPos: Float32Array;
  channels: number;
  memChannels: number;
  /** maskmem_features of each selected memory as a sequence [grid², Cm]. */
  spatial: Float32Array[];
  /** Their positions (maskmem_pos_enc sequence + each one's maskmem_tpos_enc row), joined: [memories × grid², Cm]. */
  spatialPos: Float32Array;
  pointers: PointerMemory[];
}

export function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Position rows of the pointers: each pointer's Cm-wide encoding once per token. */
function pointerPositions(pointers: PointerMemory[], tokensPerPointer: number): Float32Array {
  return concat(pointers.flatMap((p) => Array.from({ length: tokensPerPointer }, () => p.position)));
}

export function memoryAttentionInputs(feed: MemoryFeed, layout: MemoryLayout): TensorMap {
  const { channels: C, memChannels: Cm } = feed;
  const f32 = (data: Float32Array, width: number) => ({ type: 'float32' as const, dims: [data.length / width, 1, width], data });
  // A C-wide pointer read as consecutive Cm-wide chunks is SAM2's reshape(-1, B, C/Cm, Cm) with B = 1.
  const pointers = feed.pointers.map((p) => p.pointer);
  const pointerPos = pointerPositions(feed.pointers, C / Cm);
  const current = { curr: f32(feed.curr, C), curr_pos: f32(feed.currPos, C) };
  if (layout === 'joined') {
    return {
      ...current,
      memory: f32(concat([...feed.spatial, ...pointers]), Cm),
      memory_pos: f32(concat([feed.spatialPos, pointerPos]), Cm),
      num_pointer_tokens: { type: 'int64', dims: [], data: BigInt64Array.of(BigInt(pointerPos.length / Cm)) },
    };
  }
  const spatialRows = concat(feed.spatial);
  const pointerRows = concat(pointers);
  const allTrue = (n: number) => ({ type: 'bool' as const, dims: [n, 1], data: new Uint8Array(n).fill(1) });
  return {
    ...current,
    memory_spatial: f32(spatialRows, Cm),
    memory_spatial_pos: f32(feed.spatialPos, Cm),
    memory_pointers: f32(pointerRows, Cm),
    memory_pointers_pos: f32(pointerPos, Cm),
    mask_spatial: allTrue(spatialRows.length / Cm),
    mask_pointers: allTrue(pointerRows.length / Cm),
  };
}
