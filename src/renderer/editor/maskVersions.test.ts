import { describe, expect, it } from 'vitest';
import { bumpAll, bumpFrames, bumpObjects, drawnVersion, maskVersion, NO_VERSIONS, objectVersion } from './maskVersions';

describe('mask versions', () => {
  it('moves only the frames of the objects that changed', () => {
    const v = bumpFrames(NO_VERSIONS, [1], [10]);
    expect(maskVersion(v, 1, 10)).toBeGreaterThan(maskVersion(NO_VERSIONS, 1, 10));
    expect(maskVersion(v, 1, 200)).toBe(0);
    expect(maskVersion(v, 2, 10)).toBe(0);
  });

  it('moves every frame of an object, and of every object', () => {
    const frame = bumpFrames(NO_VERSIONS, [1], [10]);
    const object = bumpObjects(frame, [1]);
    expect(maskVersion(object, 1, 10)).toBeGreaterThan(maskVersion(frame, 1, 10));
    expect(maskVersion(object, 1, 200)).toBeGreaterThan(0);
    expect(maskVersion(object, 2, 200)).toBe(0);
    const all = bumpAll(object);
    expect(maskVersion(all, 2, 200)).toBeGreaterThan(maskVersion(object, 1, 10));
  });

  it('moves a frame of every object', () => {
    const v = bumpFrames(bumpObjects(NO_VERSIONS, [1]), 'all', [5]);
    expect(maskVersion(v, 7, 5)).toBe(v.clock);
    expect(maskVersion(v, 1, 6)).toBeLessThan(v.clock);
  });

  it('never gives a frame an earlier version back', () => {
    let v = bumpFrames(NO_VERSIONS, [1], [10]);
    const seen = [maskVersion(v, 1, 10)];
    v = bumpObjects(v, [1]);
    seen.push(maskVersion(v, 1, 10));
    v = bumpFrames(v, [1], [10]);
    seen.push(maskVersion(v, 1, 10));
    v = bumpAll(v);
    seen.push(maskVersion(v, 1, 10));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("follows an object's newest change for whole-object views", () => {
    const v = bumpFrames(NO_VERSIONS, [1], [3]);
    expect(objectVersion(v, 1)).toBe(v.clock);
    expect(objectVersion(v, 2)).toBe(0);
    expect(objectVersion(bumpFrames(v, 'all', [4]), 2)).toBeGreaterThan(0);
  });

  it('keys what is drawn by the versions of its objects and frames', () => {
    const v = bumpFrames(NO_VERSIONS, [2], [9]);
    expect(drawnVersion(v, [1, 2], [10])).toBe(drawnVersion(NO_VERSIONS, [1, 2], [10]));
    expect(drawnVersion(v, [1, 2], [9, 10])).not.toBe(drawnVersion(NO_VERSIONS, [1, 2], [9, 10]));
  });
});
