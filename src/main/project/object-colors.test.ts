import { describe, expect, it } from 'vitest';
import { checkColor, objectColor } from './object-colors';

function hue(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  const h = max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return (h * 60 + 360) % 360;
}

describe('objectColor', () => {
  it('gives the first objects clearly different hues', () => {
    const hues = Array.from({ length: 8 }, (_, i) => hue(objectColor(i + 1)));
    for (let i = 0; i < hues.length; i++) {
      for (let j = i + 1; j < hues.length; j++) {
        const gap = Math.min(Math.abs(hues[i] - hues[j]), 360 - Math.abs(hues[i] - hues[j]));
        expect(gap).toBeGreaterThan(15);
      }
    }
  });

  it('is a stable #rrggbb colour per id', () => {
    expect(objectColor(3)).toMatch(/^#[0-9a-f]{6}$/);
    expect(objectColor(3)).toBe(objectColor(3));
  });
});

describe('checkColor', () => {
  it('accepts #rrggbb and refuses anything else', () => {
    expect(checkColor('#FF6B6B')).toBe('#ff6b6b');
    expect(() => checkColor('red')).toThrow(/not a #rrggbb colour/);
    expect(() => checkColor(12)).toThrow(/12/);
  });
});
