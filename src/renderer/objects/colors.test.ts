import { describe, expect, it } from 'vitest';
import { hexToRgb } from './colors';

describe('object colours', () => {
  it('parses #rrggbb', () => {
    expect(hexToRgb('#ff8000')).toEqual([255, 128, 0]);
    expect(() => hexToRgb('red')).toThrow();
  });
});
