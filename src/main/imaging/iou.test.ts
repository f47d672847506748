import { describe, expect, it } from 'vitest';
import { maskIoU, meanIoU } from './iou';

const mask = (values: number[]) => ({ width: values.length, height: 1, data: Uint8Array.from(values) });

describe('IoU', () => {
  it('counts pixels at or above the threshold', () => {
    expect(maskIoU(mask([255, 255, 0, 0]), mask([0, 200, 128, 0]))).toBeCloseTo(1 / 3);
    expect(maskIoU(mask([0, 0]), mask([0, 0]))).toBe(1);
  });

  it('averages over frames and rejects mismatched sizes', () => {
    expect(meanIoU([mask([255, 0]), mask([255, 0])], [mask([255, 0]), mask([0, 255])])).toBeCloseTo(0.5);
    expect(() => maskIoU(mask([0]), mask([0, 0]))).toThrow();
  });
});
