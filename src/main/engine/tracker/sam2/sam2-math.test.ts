import { describe, expect, it } from 'vitest';
import { chooseToken, memoryMaskValue, pointerSineEncoding, stabilityScore, useMultimask } from './sam2-math';

const maskForMemory = (logits: Float32Array, fromPrompts: boolean) => logits.map((v) => memoryMaskValue(v, fromPrompts));

describe('memoryMaskValue', () => {
  it('binarises prompted masks and squashes tracked ones, then scales by 20 and shifts by −10', () => {
    const logits = Float32Array.of(-3, 0, 0.5, 8);
    expect(Array.from(maskForMemory(logits, true))).toEqual([-10, -10, 10, 10]);
    const soft = maskForMemory(logits, false);
    expect(soft[1]).toBe(0);
    expect(soft[2]).toBeCloseTo(20 / (1 + Math.exp(-0.5)) - 10, 4);
    const wide = Float32Array.from({ length: 4001 }, (_, i) => (i - 2000) / 100);
    maskForMemory(wide, false).forEach((v, i) => expect(Math.abs(v - (20 / (1 + Math.exp(-wide[i])) - 10))).toBeLessThan(1e-4));
  });
});

describe('token choice', () => {
  const plane = 4;
  // Token 0 is stable (all far from 0), tokens 1..3 differ.
  const masks = Float32Array.of(5, 5, -5, -5, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3);

  it('multimask: best IoU among tokens 1..3 for both mask and pointer', () => {
    expect(chooseToken([0.99, 0.5, 0.8, 0.7], masks, plane, true)).toEqual({ maskToken: 2, pointerToken: 2 });
  });

  it('single mask: token 0 when stable, the best multimask token when not; pointer token 0', () => {
    expect(chooseToken([0.1, 0.5, 0.8, 0.7], masks, plane, false)).toEqual({ maskToken: 0, pointerToken: 0 });
    const unstable = masks.slice();
    unstable.set([0.01, 0.02, 5, 5], 0);
    expect(stabilityScore(unstable, 0, plane)).toBe(0.5);
    expect(chooseToken([0.1, 0.5, 0.8, 0.7], unstable, plane, false)).toEqual({ maskToken: 2, pointerToken: 0 });
  });

  it('uses multimask for no point or one point (a box counts two)', () => {
    expect([0, 1, 2, 3].map(useMultimask)).toEqual([true, true, false, false]);
  });
});

describe('pointerSineEncoding', () => {
  it('is sin then cos of position / tDiffMax over geometric frequencies, pairs sharing one', () => {
    const pe = pointerSineEncoding([0, 3], 15, 8);
    expect(Array.from(pe.slice(0, 8))).toEqual([0, 0, 0, 0, 1, 1, 1, 1]);
    const x = 3 / 15;
    const expected = [x, x, x / 100, x / 100].map(Math.sin).concat([x, x, x / 100, x / 100].map(Math.cos));
    Array.from(pe.slice(8)).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
  });
});
