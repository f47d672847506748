import { describe, expect, it } from 'vitest';
import { influencedRange } from './influenced-range';

describe('influencedRange', () => {
  const tracked = (from: number, to: number) => (f: number) => f >= from && f <= to;

  it('stops before the nearest conditioning frame on each side', () => {
    const cond = new Set([0, 20, 40]);
    expect(influencedRange(30, (f) => cond.has(f), tracked(0, 49), 50)).toEqual({ start: 21, end: 39 });
  });

  it('stops where results end and at the clip ends', () => {
    expect(influencedRange(10, () => false, tracked(5, 12), 50)).toEqual({ start: 5, end: 12 });
    expect(
      influencedRange(
        2,
        (f) => f === 2,
        () => true,
        5,
      ),
    ).toEqual({ start: 0, end: 4 });
  });

  it('is the frame alone when both neighbours are conditioning frames', () => {
    expect(
      influencedRange(
        3,
        (f) => f === 2 || f === 4,
        () => true,
        10,
      ),
    ).toEqual({ start: 3, end: 3 });
  });
});
