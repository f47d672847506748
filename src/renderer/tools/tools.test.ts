import { describe, expect, it } from 'vitest';
import { effectiveBrushMode, effectivePositive, MAX_BRUSH_RADIUS, MIN_BRUSH_RADIUS, stepBrushRadius } from './tools';

describe('stepBrushRadius', () => {
  it('grows and shrinks by at least a pixel', () => {
    expect(stepBrushRadius(2, 1)).toBe(3);
    expect(stepBrushRadius(3, -1)).toBe(2);
    expect(stepBrushRadius(40, 1)).toBe(50);
    expect(stepBrushRadius(50, -1)).toBe(40);
  });

  it('stays within limits', () => {
    expect(stepBrushRadius(MIN_BRUSH_RADIUS, -1)).toBe(MIN_BRUSH_RADIUS);
    expect(stepBrushRadius(MAX_BRUSH_RADIUS, 1)).toBe(MAX_BRUSH_RADIUS);
  });
});

describe('modifiers', () => {
  it('flip point polarity and brush mode', () => {
    expect(effectivePositive(true, false)).toBe(true);
    expect(effectivePositive(true, true)).toBe(false);
    expect(effectivePositive(false, true)).toBe(true);
    expect(effectiveBrushMode('add', true)).toBe('subtract');
    expect(effectiveBrushMode('subtract', true)).toBe('add');
    expect(effectiveBrushMode('subtract', false)).toBe('subtract');
  });
});
