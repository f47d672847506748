import { describe, expect, it } from 'vitest';
import { checkerShade, compositeOverChecker, greyFromAlpha } from './compositing';

describe('greyFromAlpha', () => {
  it('spreads alpha over RGB, opaque', () => {
    const out = greyFromAlpha({ width: 2, height: 1, data: Uint8Array.from([0, 200]) });
    expect(Array.from(out)).toEqual([0, 0, 0, 255, 200, 200, 200, 255]);
  });
});

describe('compositeOverChecker', () => {
  const frame = { width: 2, height: 1, data: Uint8Array.from([255, 0, 0, 255, 255, 0, 0, 255]) };

  it('shows the frame where alpha is 1 and the checker where it is 0', () => {
    const out = compositeOverChecker(frame, { width: 2, height: 1, data: Uint8Array.from([255, 0]) }, 1);
    expect(Array.from(out.slice(0, 4))).toEqual([255, 0, 0, 255]);
    const shade = checkerShade(1, 0, 1);
    expect(Array.from(out.slice(4, 8))).toEqual([shade, shade, shade, 255]);
  });

  it('mixes at half alpha', () => {
    const out = compositeOverChecker(frame, { width: 2, height: 1, data: Uint8Array.from([128, 128]) }, 8);
    const a = 128 / 255;
    expect(out[0]).toBe(Math.round(255 * a + checkerShade(0, 0, 8) * (1 - a)));
  });

  it('alternates cells', () => {
    expect(checkerShade(0, 0, 8)).not.toBe(checkerShade(8, 0, 8));
    expect(checkerShade(0, 0, 8)).toBe(checkerShade(8, 8, 8));
  });

  it('refuses a matte of another size', () => {
    expect(() => compositeOverChecker(frame, { width: 1, height: 1, data: new Uint8Array(1) }, 8)).toThrow(/does not match/);
  });
});
