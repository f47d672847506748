import { describe, expect, it } from 'vitest';
import type { TensorMap } from './module-runner';
import { ownBuffers, ownedCopies, transferList } from './worker-protocol';

const f32 = (data: Float32Array) => ({ type: 'float32' as const, dims: [data.length], data });

describe('worker transfer helpers', () => {
  it('copies inputs so the caller keeps its arrays after a transfer', () => {
    const data = Float32Array.of(1, 2, 3);
    const copies = ownedCopies({ a: f32(data) });
    expect(copies.a.data).not.toBe(data);
    expect(copies.a.data).toEqual(Float32Array.of(1, 2, 3));
    expect(transferList(copies)).toEqual([copies.a.data.buffer]);
  });

  it('keeps arrays that own their buffer and copies views and shared buffers, so each buffer transfers once', () => {
    const whole = Float32Array.of(1, 2);
    const shared = new Float32Array(4);
    const tensors: TensorMap = { whole: f32(whole), first: f32(shared.subarray(0, 2)), second: f32(shared.subarray(2)), again: f32(whole) };
    const owned = ownBuffers(tensors);
    expect(owned.whole.data).toBe(whole);
    expect(owned.first.data).not.toBe(tensors.first.data);
    expect(owned.again.data).not.toBe(whole);
    expect(new Set(transferList(owned)).size).toBe(4);
  });
});
