import { describe, expect, it } from 'vitest';
import { selectPointers, selectSpatialMemories, type MemoryIndex } from './memory-selection';

const index = (condFrames: number[], nonCond: number[]): MemoryIndex => ({ condFrames, hasNonCond: (t) => nonCond.includes(t) });
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('selectSpatialMemories', () => {
  it('takes every conditioning frame at tpos row 6, then the six previous frames oldest first at rows 5..0', () => {
    const picks = selectSpatialMemories(20, index([30, 0], range(1, 19)), false);
    expect(picks).toEqual([
      { frame: 0, cond: true, tposIndex: 6 },
      { frame: 30, cond: true, tposIndex: 6 },
      ...[14, 15, 16, 17, 18, 19].map((frame, i) => ({ frame, cond: false, tposIndex: 5 - i })),
    ]);
  });

  it("in reverse takes the six following frames, skips missing ones, and includes the frame's own conditioning output", () => {
    const picks = selectSpatialMemories(10, index([10, 40], [11, 12, 14, 16, 17, 30]), true);
    expect(picks).toEqual([
      { frame: 10, cond: true, tposIndex: 6 },
      { frame: 40, cond: true, tposIndex: 6 },
      { frame: 16, cond: false, tposIndex: 5 },
      { frame: 14, cond: false, tposIndex: 3 },
      { frame: 12, cond: false, tposIndex: 1 },
      { frame: 11, cond: false, tposIndex: 0 },
    ]);
  });
});

describe('selectPointers', () => {
  it('takes past conditioning frames first, then at most 15 tracked frames back', () => {
    const { picks, tDiffMax } = selectPointers(40, index([2, 5, 60], range(0, 39)), false, 100);
    expect(tDiffMax).toBe(15);
    expect(picks.slice(0, 2)).toEqual([
      { frame: 2, position: 38 },
      { frame: 5, position: 35 },
    ]);
    expect(picks.slice(2)).toEqual(range(1, 15).map((d) => ({ frame: 40 - d, position: d })));
  });

  it('in reverse uses conditioning frames after the frame, signed positive distances, and stops at the clip end', () => {
    const { picks, tDiffMax } = selectPointers(8, index([0, 8, 9], [...range(0, 7), 10, 11]), true, 12);
    expect(tDiffMax).toBe(11);
    expect(picks).toEqual([
      { frame: 8, position: 0 },
      { frame: 9, position: 1 },
      { frame: 10, position: 2 },
      { frame: 11, position: 3 },
    ]);
  });

  it('keeps the divisor at least 1 on a one-frame clip', () => {
    expect(selectPointers(0, index([], []), false, 1)).toEqual({ picks: [], tDiffMax: 1 });
  });
});
