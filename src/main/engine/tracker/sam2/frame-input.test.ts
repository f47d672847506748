import { describe, expect, it } from 'vitest';
import { frameToModelInput, normalise } from './frame-input';

describe('frameToModelInput', () => {
  it('normalises each channel with the ImageNet mean and std into planar RGB', () => {
    const frame = { width: 2, height: 2, data: Uint8Array.from({ length: 16 }, (_, i) => (i % 4 === 3 ? 255 : [255, 0, 128][i % 4])) };
    const input = frameToModelInput(frame, 2);
    expect(input.length).toBe(12);
    expect(input[0]).toBeCloseTo((1 - 0.485) / 0.229, 5);
    expect(input[4]).toBeCloseTo(-0.456 / 0.224, 5);
    expect(input[8]).toBeCloseTo(normalise(128, 2), 6);
  });

  it('resizes to the square model size whatever the aspect ratio', () => {
    const frame = { width: 8, height: 2, data: new Uint8Array(64).fill(255) };
    expect(frameToModelInput(frame, 4).length).toBe(3 * 16);
  });
});
