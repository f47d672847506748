import { describe, expect, it } from 'vitest';
import { ObjectMemory, type MemoryEntry } from './object-memory';

const entry = (): MemoryEntry => ({ features: new Float32Array(4), pending: null, pointer: new Float32Array(2) });

describe('ObjectMemory', () => {
  it('lets a conditioning entry replace a tracked one on the same frame', () => {
    const memory = new ObjectMemory();
    memory.setNonCond(5, entry());
    memory.setCond(5, entry());
    expect(memory.nonCond.has(5)).toBe(false);
    expect(memory.spatialIndex().condFrames).toEqual([5]);
  });

  it('forgets a frame whichever kind of entry it holds', () => {
    const memory = new ObjectMemory();
    memory.setNonCond(3, entry());
    memory.setCond(4, entry());
    memory.removeEntry(3);
    memory.removeEntry(4);
    expect(memory.nonCond.size + memory.cond.size).toBe(0);
  });

  it('drops spatial memories out of reach of the current frame and anchors, keeping every pointer', () => {
    const memory = new ObjectMemory();
    for (let t = 0; t <= 100; t++) memory.setNonCond(t, entry());
    memory.dropFarSpatial(100, [10]);
    const spatial = memory.spatialIndex();
    const kept = [...memory.nonCond.keys()].filter((t) => spatial.hasNonCond(t));
    expect(kept).toEqual([4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 94, 95, 96, 97, 98, 99, 100]);
    expect(memory.pointerIndex().hasNonCond(50)).toBe(true);
  });
});
