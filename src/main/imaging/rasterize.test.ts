import { describe, expect, it } from 'vitest';
import { fillBox, fillDisk, fillStroke } from './rasterize';

const blank = (width: number, height: number) => ({ width, height, data: new Uint8Array(width * height) });
const count = (d: Uint8Array) => d.reduce((n, v) => n + (v ? 1 : 0), 0);

describe('rasterize', () => {
  it('draws a disk of the right area, scaled to the target', () => {
    const full = blank(200, 200);
    fillDisk(full, 100, 100, 30, 1);
    expect(count(full.data) / (Math.PI * 900)).toBeCloseTo(1, 1);
    const half = blank(100, 100);
    fillDisk(half, 100, 100, 30, 1, 0.5);
    expect(count(half.data) / (Math.PI * 225)).toBeCloseTo(1, 1);
    expect(half.data[50 * 100 + 50]).toBe(1);
  });

  it('never loses a tiny disk', () => {
    const t = blank(10, 10);
    fillDisk(t, 7, 3, 0.1, 9, 0.25);
    expect(count(t.data)).toBeGreaterThanOrEqual(1);
    expect(t.data[0 * 10 + 1]).toBe(9);
  });

  it('draws a thick polyline', () => {
    const t = blank(50, 50);
    fillStroke(t, [5, 5, 40, 5, 40, 40], 2, 1);
    expect(t.data[5 * 50 + 20]).toBe(1);
    expect(t.data[7 * 50 + 20]).toBe(1);
    expect(t.data[8 * 50 + 20]).toBe(0);
    expect(t.data[25 * 50 + 40]).toBe(1);
    expect(t.data[25 * 50 + 30]).toBe(0);
  });

  it('fills an inclusive box in either corner order', () => {
    const t = blank(10, 10);
    fillBox(t, 6, 5, 2, 3, 1);
    expect(count(t.data)).toBe(5 * 3);
    const small = blank(5, 5);
    fillBox(small, 2, 2, 5, 5, 1, 0.5);
    expect(count(small.data)).toBe(4);
    expect(small.data[1 * 5 + 1]).toBe(1);
  });
});
