import { describe, expect, it } from 'vitest';
import { checkColor, colourAwayFrom, CONTRAST_PALETTE, objectColor } from './object-colors';

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

describe('colourAwayFrom', () => {
  const gap = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

  it('picks the palette hue across the wheel from the subject', () => {
    // A red cup (the default coral would vanish on it) gets a cyan; a green plant a magenta.
    expect(gap(hue(colourAwayFrom([200, 40, 50])!), 0)).toBeGreaterThanOrEqual(170);
    expect(gap(hue(colourAwayFrom([60, 140, 50])!), 300)).toBeLessThanOrEqual(15);
    expect(CONTRAST_PALETTE).toContain(colourAwayFrom([200, 40, 50]));
  });

  it('passes over colours other objects use, unless all are used', () => {
    const first = colourAwayFrom([200, 40, 50])!;
    const second = colourAwayFrom([200, 40, 50], [first])!;
    expect(second).not.toBe(first);
    expect(gap(hue(second), 0)).toBeGreaterThanOrEqual(140);
    expect(colourAwayFrom([200, 40, 50], CONTRAST_PALETTE)).toBe(first);
  });

  it('leaves a grey subject its colour', () => {
    expect(colourAwayFrom([128, 128, 130])).toBeNull();
  });
});

describe('checkColor', () => {
  it('accepts #rrggbb and refuses anything else', () => {
    expect(checkColor('#FF6B6B')).toBe('#ff6b6b');
    expect(() => checkColor('red')).toThrow(/not a #rrggbb colour/);
    expect(() => checkColor(12)).toThrow(/12/);
  });
});
