import { describe, expect, it } from 'vitest';
import type { GrayImage, RgbaImage } from '../../../shared/media';
import { mergedMask, SequenceStabilizer } from './sequence-stabilizer';

const W = 32;
const H = 16;
const still: RgbaImage = { width: W, height: H, data: new Uint8Array(W * H * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) % 200)) };
const flat = (v: number): GrayImage => ({ width: W, height: H, data: new Uint8Array(W * H).fill(v) });
const meanAbsDiff = (a: GrayImage, b: GrayImage) => a.data.reduce((s, v, i) => s + Math.abs(v - b.data[i]), 0) / a.data.length;

describe('SequenceStabilizer', () => {
  it('passes mattes through at strength 0', () => {
    const s = new SequenceStabilizer(0);
    s.apply('all', 0, still, flat(100));
    const next = flat(140);
    expect(s.apply('all', 1, still, next)).toBe(next);
  });

  it('holds a chattering matte on a still picture, frame after frame', () => {
    const s = new SequenceStabilizer(0.8);
    const first = s.apply('all', 0, still, flat(100));
    const second = s.apply('all', 1, still, flat(140));
    expect(meanAbsDiff(second, first)).toBeLessThan(0.5 * 40);
  });

  it('does not blend across a jump in frames or between sequences', () => {
    const s = new SequenceStabilizer(1);
    s.apply('a', 0, still, flat(100));
    expect(s.apply('a', 5, still, flat(140)).data[0]).toBe(140);
    expect(s.apply('b', 6, still, flat(20)).data[0]).toBe(20);
    expect(s.apply('a', 6, still, flat(200)).data[0]).toBeLessThan(200);
  });
});

describe('mergedMask', () => {
  it('takes the highest probability of the objects per pixel', () => {
    const a = flat(10);
    const b = flat(10);
    a.data[3] = 200;
    b.data[5] = 150;
    const m = mergedMask([a, b])!;
    expect([m.data[3], m.data[5], m.data[0]]).toEqual([200, 150, 10]);
    expect(mergedMask([])).toBeUndefined();
  });
});
