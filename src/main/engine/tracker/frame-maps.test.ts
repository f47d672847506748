import { describe, expect, it } from 'vitest';
import { keepsMaskWhenCleared, pickFrames, replaceFrames } from './frame-maps';

describe('frame maps', () => {
  it('picks a span of frames and puts it back over what is there, leaving other frames alone', () => {
    const map = new Map([
      [1, 'a'],
      [4, 'b'],
      [5, 'c'],
      [9, 'd'],
    ]);
    const saved = pickFrames(map, { start: 3, end: 6 });
    expect([...saved]).toEqual([
      [4, 'b'],
      [5, 'c'],
    ]);
    map.delete(4);
    map.set(3, 'x');
    map.set(5, 'y');
    map.set(9, 'z');
    replaceFrames(map, saved, { start: 3, end: 6 });
    expect(new Map(map)).toEqual(
      new Map([
        [1, 'a'],
        [4, 'b'],
        [5, 'c'],
        [9, 'z'],
      ]),
    );
    expect(pickFrames(undefined, { start: 0, end: 9 }).size).toBe(0);
  });

  it('keeps a cleared keyframe’s mask only beside another mask', () => {
    const results = new Map([
      [4, 0],
      [5, 0],
    ]);
    expect(keepsMaskWhenCleared(results, 5)).toBe(true);
    expect(keepsMaskWhenCleared(results, 6)).toBe(true);
    expect(keepsMaskWhenCleared(new Map([[5, 0]]), 5)).toBe(false);
  });
});
