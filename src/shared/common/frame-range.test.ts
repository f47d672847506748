import { describe, expect, it } from 'vitest';
import {
  clampRange,
  clampToRange,
  formatRange,
  fromTimeRange,
  intersectRanges,
  rangeBetween,
  rangeContains,
  rangeFrames,
  rangeLength,
  toTimeRange,
  wholeClip,
} from './frame-range';

const NTSC = { num: 30000, den: 1001 };

describe('FrameRange', () => {
  it('is inclusive at both ends', () => {
    expect(rangeLength({ start: 5, end: 5 })).toBe(1);
    expect(rangeLength(wholeClip(48))).toBe(48);
    expect([...rangeFrames({ start: 3, end: 6 })]).toEqual([3, 4, 5, 6]);
    expect(rangeContains({ start: 3, end: 6 }, 6)).toBe(true);
    expect(rangeContains({ start: 3, end: 6 }, 7)).toBe(false);
    expect(formatRange({ start: 0, end: 499 })).toBe('0-499');
  });

  it('closes open ends at the clip ends', () => {
    expect(rangeBetween(null, null, 48)).toEqual({ start: 0, end: 47 });
    expect(rangeBetween(5, undefined, 48)).toEqual({ start: 5, end: 47 });
    expect(rangeBetween(null, 20, 48)).toEqual({ start: 0, end: 20 });
  });

  it('clamps each end into the clip', () => {
    expect(clampRange({ start: -4, end: 500 }, 48)).toEqual({ start: 0, end: 47 });
    expect(clampRange({ start: 60, end: 90 }, 48)).toEqual({ start: 47, end: 47 });
    expect([2, 5, 9].map((frame) => clampToRange(frame, { start: 3, end: 6 }))).toEqual([3, 5, 6]);
  });

  it('intersects, or says there is nothing in common', () => {
    expect(intersectRanges({ start: 0, end: 10 }, { start: 5, end: 20 })).toEqual({ start: 5, end: 10 });
    expect(intersectRanges({ start: 0, end: 10 }, { start: 10, end: 20 })).toEqual({ start: 10, end: 10 });
    expect(intersectRanges({ start: 0, end: 4 }, { start: 5, end: 20 })).toBeNull();
  });
});

describe('TimeRange', () => {
  it('is exact seconds at the clip rate', () => {
    expect(toTimeRange({ start: 0, end: 47 }, { num: 24, den: 1 })).toEqual({ start: { num: 0, den: 1 }, duration: { num: 2, den: 1 } });
    expect(toTimeRange({ start: 30, end: 59 }, NTSC)).toEqual({ start: { num: 1001, den: 1000 }, duration: { num: 1001, den: 1000 } });
  });

  it('round-trips frame ranges at NTSC rates', () => {
    for (const range of [
      { start: 0, end: 0 },
      { start: 100, end: 111 },
      { start: 107_892, end: 215_784 },
    ]) {
      for (const fps of [NTSC, { num: 24000, den: 1001 }, { num: 60000, den: 1001 }, { num: 25, den: 1 }]) expect(fromTimeRange(toTimeRange(range, fps), fps)).toEqual(range);
    }
  });

  it('takes every frame on screen during the span', () => {
    // 0.5 s to 1 s at 25 fps: frames 12 (shown from 0.48 s) to 24 (shown until 1 s).
    expect(fromTimeRange({ start: { num: 1, den: 2 }, duration: { num: 1, den: 2 } }, { num: 25, den: 1 })).toEqual({ start: 12, end: 24 });
    expect(fromTimeRange({ start: { num: 1, den: 1 }, duration: { num: 0, den: 1 } }, { num: 25, den: 1 })).toBeNull();
  });
});
