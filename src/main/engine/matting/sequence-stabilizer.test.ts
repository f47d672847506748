import { describe, expect, it } from 'vitest';
import type { GrayImage, RgbaImage } from '../../../shared/media';
import { SequenceStabilizer } from './sequence-stabilizer';

const W = 32;
const H = 16;
const still: RgbaImage = { width: W, height: H, data: new Uint8Array(W * H * 4).map((_, i) => (i % 4 === 3 ? 255 : (i * 7) % 200)) };
const flat = (v: number): GrayImage => ({ width: W, height: H, data: new Uint8Array(W * H).fill(v) });
const meanAbsDiff = (a: GrayImage, b: GrayImage) => a.data.reduce((s, v, i) => s + Math.abs(v - b.data[i]), 0) / a.data.length;

describe('SequenceStabilizer', () => {
  it('passes mattes through at strength 0', () => {
    const s = new SequenceStabilizer();
    s.apply('all', 0, still, flat(100), 0);
    const next = flat(140);
    expect(s.apply('all', 1, still, next, 0)).toBe(next);
  });

  it('holds a chattering matte on a still picture, frame after frame', () => {
    const s = new SequenceStabilizer();
    const first = s.apply('all', 0, still, flat(100), 0.8);
    const second = s.apply('all', 1, still, flat(140), 0.8);
    expect(meanAbsDiff(second, first)).toBeLessThan(0.5 * 40);
  });

  it('does not blend across a jump in frames or between sequences, each with its own strength', () => {
    const s = new SequenceStabilizer();
    s.apply('a', 0, still, flat(100), 1);
    expect(s.apply('a', 5, still, flat(140), 1).data[0]).toBe(140);
    expect(s.apply('b', 6, still, flat(20), 1).data[0]).toBe(20);
    // On a still picture: held at the previous frame at strength 1, a fifth of the way towards it at 0.2.
    expect(s.apply('a', 6, still, flat(200), 1).data[0]).toBe(140);
    expect(s.apply('b', 7, still, flat(60), 0.2).data[0]).toBe(52);
  });

  it('answers the same frame asked again as it did the first time', () => {
    const s = new SequenceStabilizer();
    s.apply('a', 0, still, flat(100), 1);
    const once = s.apply('a', 1, still, flat(200), 1);
    expect(s.apply('a', 1, still, flat(30), 1)).toBe(once);
    expect(once.data[0]).toBeLessThan(200);
  });
});
