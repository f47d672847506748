import { describe, expect, it } from 'vitest';
import { memoryAttentionInputs, type MemoryFeed } from './memory-inputs';

// C = 4, Cm = 2, two grid cells: each pointer becomes 2 tokens.
const feed: MemoryFeed = {
  curr: new Float32Array(8),
  currPos: new Float32Array(8),
  channels: 4,
  memChannels: 2,
  spatial: [Float32Array.of(1, 2, 3, 4)],
  spatialPos: Float32Array.of(5, 6, 7, 8),
  pointers: [
    { pointer: Float32Array.of(10, 11, 12, 13), position: Float32Array.of(0.1, 0.2) },
    { pointer: Float32Array.of(20, 21, 22, 23), position: Float32Array.of(0.3, 0.4) },
  ],
};

describe('memoryAttentionInputs', () => {
  it('split layout: spatial rows, pointer tokens (C/Cm per pointer, positions repeated) and all-true masks', () => {
    const t = memoryAttentionInputs(feed, 'split');
    expect(t.curr.dims).toEqual([2, 1, 4]);
    expect(t.memory_spatial.dims).toEqual([2, 1, 2]);
    expect(t.memory_pointers.dims).toEqual([4, 1, 2]);
    expect(Array.from(t.memory_pointers.data as Float32Array)).toEqual([10, 11, 12, 13, 20, 21, 22, 23]);
    expect(Array.from(t.memory_pointers_pos.data as Float32Array)).toEqual([0.1, 0.2, 0.1, 0.2, 0.3, 0.4, 0.3, 0.4].map(Math.fround));
    expect(t.mask_spatial).toEqual({ type: 'bool', dims: [2, 1], data: Uint8Array.of(1, 1) });
    expect(t.mask_pointers.dims).toEqual([4, 1]);
  });

  it('joined layout: spatial then pointer rows in one tensor, with the pointer-token count as an int64 scalar', () => {
    const t = memoryAttentionInputs(feed, 'joined');
    expect(t.memory.dims).toEqual([6, 1, 2]);
    expect(Array.from(t.memory.data.slice(0, 6) as Float32Array)).toEqual([1, 2, 3, 4, 10, 11]);
    expect(Array.from(t.memory_pos.data.slice(0, 4) as Float32Array)).toEqual([5, 6, 7, 8]);
    expect(t.num_pointer_tokens).toEqual({ type: 'int64', dims: [], data: BigInt64Array.of(4n) });
  });
});
