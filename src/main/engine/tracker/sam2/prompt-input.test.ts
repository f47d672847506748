import { describe, expect, it } from 'vitest';
import type { Prompt } from '../../../../shared/prompts';
import { encodePrompts, LABEL } from './prompt-input';

const geo = { frameWidth: 200, frameHeight: 100, imageSize: 32, lowRes: 16 };

describe('encodePrompts', () => {
  it('scales points per axis into the square model image and labels them', () => {
    const input = encodePrompts(
      [
        { kind: 'point', x: 100, y: 25, positive: true },
        { kind: 'point', x: 50, y: 50, positive: false },
      ],
      geo,
    );
    expect(Array.from(input.coords)).toEqual([16, 8, 8, 16]);
    expect(Array.from(input.labels)).toEqual([LABEL.positive, LABEL.negative]);
    expect(input.maskLogits).toBeNull();
    expect(input.maskOnly).toBeNull();
  });

  it('puts the (last) box first as labels 2 and 3 with ordered corners, clicks after it', () => {
    const prompts: Prompt[] = [
      { kind: 'point', x: 0, y: 0, positive: true },
      { kind: 'box', x0: 0, y0: 0, x1: 10, y1: 10 },
      { kind: 'box', x0: 150, y0: 75, x1: 50, y1: 25 },
    ];
    const input = encodePrompts(prompts, geo);
    expect(Array.from(input.labels)).toEqual([2, 3, 1]);
    expect(Array.from(input.coords)).toEqual([8, 8, 24, 24, 0, 0]);
  });

  it('turns a brush stroke into labelled points and a mask prompt painted over the previous logits', () => {
    const previous = new Float32Array(256).fill(-50);
    const stroke: Prompt = { kind: 'stroke', points: [0, 50, 199, 50], radius: 10, mode: 'add' };
    const input = encodePrompts([stroke], geo, previous);
    expect(Array.from(input.labels)).toEqual([1, 1]);
    const logits = input.maskLogits!;
    expect(logits[8 * 16 + 8]).toBe(10); // under the stroke
    expect(logits[0]).toBe(-32); // the previous mask, clamped
  });

  it('uses a mask given alone as the output, and a mask with clicks as the mask prompt', () => {
    const data = new Uint8Array(200 * 100);
    for (let y = 0; y < 50; y++) data.fill(255, y * 200, y * 200 + 100); // top-left quarter
    const mask: Prompt = { kind: 'mask', width: 200, height: 100, data };
    const alone = encodePrompts([mask], geo);
    expect(alone.labels.length).toBe(0);
    expect(alone.maskOnly![0]).toBe(1);
    expect(alone.maskOnly![31 * 32 + 31]).toBe(0);
    const withClick = encodePrompts([mask, { kind: 'point', x: 10, y: 10, positive: true }], geo);
    expect(withClick.maskOnly).toBeNull();
    expect(withClick.maskLogits![0]).toBeCloseTo(10, 5);
    expect(withClick.maskLogits![255]).toBeCloseTo(-10, 5);
  });
});
