import { describe, expect, it } from 'vitest';
import { clampFrame, frameAtOffset, framePercent, framesToRuns, runSpan, splitStale } from './segments';

describe('timeline geometry', () => {
  it('groups frames into runs, unordered and with repeats', () => {
    expect(framesToRuns([5, 1, 2, 3, 3, 7, 6, 10])).toEqual([
      [1, 3],
      [5, 7],
      [10, 10],
    ]);
    expect(framesToRuns([])).toEqual([]);
  });

  it('places frames along the track', () => {
    expect(framePercent(0, 48)).toBe(0);
    expect(framePercent(47, 48)).toBe(100);
    expect(framePercent(0, 1)).toBe(0);
  });

  it('spans runs by whole frame cells, clipped to the track', () => {
    expect(runSpan([0, 10], 11)).toEqual({ left: 0, width: 100 });
    const mid = runSpan([5, 5], 11);
    expect(mid.left).toBeCloseTo(45);
    expect(mid.width).toBeCloseTo(10);
  });

  it('clamps frames to the clip', () => {
    expect(clampFrame(-3, 48)).toBe(0);
    expect(clampFrame(60, 48)).toBe(47);
    expect(clampFrame(2.6, 48)).toBe(3);
  });

  it('reads the frame under the pointer as the slider does, its thumb inset at both ends', () => {
    expect(frameAtOffset(5, 110, 11)).toBe(0);
    expect(frameAtOffset(0, 110, 11)).toBe(0);
    expect(frameAtOffset(105, 110, 11)).toBe(10);
    expect(frameAtOffset(200, 110, 11)).toBe(10);
    expect(frameAtOffset(54, 110, 11)).toBe(5);
    expect(frameAtOffset(49, 110, 11)).toBe(4);
  });
});

describe('splitStale', () => {
  it('splits tracked frames into fresh and stale ones', () => {
    expect(splitStale([0, 1, 2, 3, 4], [2, 3, 9])).toEqual({ fresh: [0, 1, 4], stale: [2, 3] });
  });
});
