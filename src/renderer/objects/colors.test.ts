import { describe, expect, it } from 'vitest';
import { defaultObjectColor, hexToRgb } from './colors';

describe('object colours', () => {
  it('gives neighbouring objects different colours and wraps around', () => {
    expect(defaultObjectColor(1)).not.toBe(defaultObjectColor(2));
    expect(defaultObjectColor(3)).toBe(defaultObjectColor(11));
  });

  it('parses #rrggbb', () => {
    expect(hexToRgb('#ff8000')).toEqual([255, 128, 0]);
    expect(() => hexToRgb('red')).toThrow();
  });
});
