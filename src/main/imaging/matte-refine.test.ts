import { describe, expect, it } from 'vitest';
import { NEUTRAL_MATTE } from '../../shared/matte-controls';
import type { GrayImage, RgbaImage } from '../../shared/media';
import { decontaminate, decontaminationAmounts, edgeCurve, featherMatte, growMatte, refineMatte } from './matte-refine';

const SIZE = 128;
const CENTRE = 64;

/** A disc of radius r whose alpha ramps linearly over `ramp` px across the edge: 0.5 exactly at r. */
function softDisc(r: number, ramp = 4): GrayImage {
  const data = new Uint8Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const rho = Math.hypot(x - CENTRE, y - CENTRE);
      data[y * SIZE + x] = Math.round(255 * Math.min(1, Math.max(0, 0.5 + (r - rho) / ramp)));
    }
  }
  return { width: SIZE, height: SIZE, data };
}

/** A vertical edge: alpha by column from a profile. */
function edge(profile: (x: number) => number, width = 96, height = 8): GrayImage {
  const data = new Uint8Array(width * height);
  for (let i = 0; i < data.length; i++) data[i] = Math.round(255 * Math.min(1, Math.max(0, profile(i % width))));
  return { width, height, data };
}

/** The radius of the disc with the area of the pixels at 50 % or more. */
const contourRadius = (alpha: GrayImage) => Math.sqrt(alpha.data.filter((v) => v >= 128).length / Math.PI);

/** Where a row falls through `level` (0..1) going right, interpolated between pixel centres. */
function crossing(alpha: GrayImage, row: number, level: number, from = 0): number {
  const line = alpha.data.subarray(row * alpha.width, (row + 1) * alpha.width);
  const t = 255 * level;
  const rising = line[from] < t;
  for (let x = from + 1; x < line.length; x++) {
    const [a, b] = [line[x - 1], line[x]];
    if (rising ? a < t && b >= t : a >= t && b < t) return x - 1 + (t - a) / (b - a);
  }
  throw new Error(`row ${row} never crosses ${level}`);
}

/** Width of the 10–90 % ramp of an edge image's first row. */
const rampWidth = (alpha: GrayImage) => Math.abs(crossing(alpha, 0, 0.9) - crossing(alpha, 0, 0.1));

describe('growMatte', () => {
  it('moves the 50 % contour of a disc outward by the pixels given, and inward when negative', () => {
    const disc = softDisc(30);
    const r = contourRadius(disc);
    expect(r).toBeCloseTo(30, 0);
    // Over every direction: the area inside the 50 % contour is that of a disc g px larger (smaller).
    for (const g of [1, 2, 4, 7, 12]) {
      expect(Math.abs(contourRadius(growMatte(disc, g)) - r - g)).toBeLessThan(0.25);
      expect(Math.abs(contourRadius(growMatte(disc, -g)) - r + g)).toBeLessThan(0.25);
    }
    // Along the axis exactly: the 50 % point right of the centre moves from 94 to 96.
    expect(crossing(disc, CENTRE, 0.5, CENTRE)).toBeCloseTo(CENTRE + 30, 1);
    expect(crossing(growMatte(disc, 2), CENTRE, 0.5, CENTRE)).toBeCloseTo(CENTRE + 32, 1);
    expect(crossing(growMatte(disc, -2), CENTRE, 0.5, CENTRE)).toBeCloseTo(CENTRE + 28, 1);
  });

  it('moves a soft edge without softening or hardening it', () => {
    const ramp = edge((x) => (x - 40) / 12);
    const grown = growMatte(ramp, 5);
    expect(rampWidth(grown)).toBeCloseTo(rampWidth(ramp), 5);
    expect(crossing(grown, 0, 0.5)).toBeCloseTo(crossing(ramp, 0, 0.5) - 5, 5);
  });

  it('leaves the frame edge alone and changes nothing at 0', () => {
    const full = edge(() => 1, 20, 20);
    expect(growMatte(full, -3).data.every((v) => v === 255)).toBe(true);
    const empty = edge(() => 0, 20, 20);
    expect(growMatte(empty, 3).data.every((v) => v === 0)).toBe(true);
    const disc = softDisc(20);
    expect(growMatte(disc, 0)).toBe(disc);
  });
});

describe('featherMatte', () => {
  it('ramps a hard edge from 10 % to 90 % over the pixels given, its 50 % point kept', () => {
    const hard = edge((x) => (x >= 48 ? 1 : 0));
    for (const f of [2, 8, 20]) {
      const soft = featherMatte(hard, f);
      expect(rampWidth(soft)).toBeGreaterThan(f - 0.6);
      expect(rampWidth(soft)).toBeLessThan(f + 0.6);
      expect(crossing(soft, 0, 0.5)).toBeCloseTo(47.5, 0);
    }
  });

  it('widens an edge that is soft already, and keeps the frame border as it is', () => {
    const ramp = edge((x) => (x - 40) / 8);
    const width = rampWidth(ramp);
    expect(rampWidth(featherMatte(ramp, 8))).toBeGreaterThan(width + 2);
    const full = featherMatte(
      edge(() => 1, 20, 20),
      10,
    );
    expect(full.data.every((v) => v === 255)).toBe(true);
  });
});

describe('edgeCurve', () => {
  it('contrast steepens the ramp around its 50 % point, and cuts it there at 1', () => {
    const ramp = edge((x) => (x - 30) / 40);
    const mid = crossing(ramp, 0, 0.5);
    const steep = refineMatte(ramp, { ...NEUTRAL_MATTE, contrast: 0.5 });
    expect(rampWidth(steep)).toBeCloseTo(rampWidth(ramp) / 2, 0);
    expect(crossing(steep, 0, 0.5)).toBeCloseTo(mid, 0);
    const cut = refineMatte(ramp, { ...NEUTRAL_MATTE, contrast: 1 });
    expect(new Set(cut.data)).toEqual(new Set([0, 255]));
    expect(crossing(cut, 0, 0.5)).toBeCloseTo(mid, 0);
  });

  it('shift edge moves the 50 % point to the alpha 0.5 − shift / 2, 0 and 255 kept', () => {
    const ramp = edge((x) => (x - 30) / 40);
    // +50 %: the pixel that had 25 % is the new 50 % point, 10 px further out at this ramp.
    const out = refineMatte(ramp, { ...NEUTRAL_MATTE, shiftEdge: 0.5 });
    expect(crossing(out, 0, 0.5)).toBeCloseTo(crossing(ramp, 0, 0.25), 0);
    expect(crossing(out, 0, 0.5)).toBeCloseTo(crossing(ramp, 0, 0.5) - 10, 0);
    const inward = refineMatte(ramp, { ...NEUTRAL_MATTE, shiftEdge: -0.5 });
    expect(crossing(inward, 0, 0.5)).toBeCloseTo(crossing(ramp, 0, 0.75), 0);
    for (const shift of [-1, -0.5, 0.5, 1]) {
      const table = edgeCurve(shift, 0.3);
      expect([table[0], table[255]]).toEqual([0, 255]);
      for (let v = 1; v < 256; v++) expect(table[v]).toBeGreaterThanOrEqual(table[v - 1]);
    }
  });

  it('is the identity with neutral controls', () => {
    expect(Array.from(edgeCurve(0, 0))).toEqual([...Array(256).keys()]);
    const disc = softDisc(20);
    expect(refineMatte(disc, NEUTRAL_MATTE)).toBe(disc);
  });
});

describe('decontaminate', () => {
  const pixels = 4;
  const image: RgbaImage = { width: 2, height: 2, data: Uint8Array.from([200, 0, 100, 255, 10, 20, 30, 255, 0, 0, 0, 255, 255, 255, 255, 255]) };
  const foreground: RgbaImage = { width: 2, height: 2, data: Uint8Array.from([100, 50, 100, 128, 10, 20, 30, 255, 255, 0, 0, 0, 0, 255, 255, 64]) };
  const rgb = (img: RgbaImage) => Array.from(img.data).filter((_, i) => i % 4 !== 3);
  const alphas = (img: RgbaImage) => Array.from(img.data).filter((_, i) => i % 4 === 3);

  it('keeps the image colour at 0 and gives the foreground estimate at 1 (or without amounts)', () => {
    const none = decontaminate(image, foreground, new Float32Array(pixels).fill(0));
    expect(rgb(none)).toEqual(rgb(image));
    expect(alphas(none)).toEqual(alphas(foreground));
    expect(decontaminate(image, foreground, new Float32Array(pixels).fill(1)).data).toEqual(foreground.data);
    expect(decontaminate(image, foreground)).toBe(foreground);
    expect(rgb(decontaminate(image, foreground, new Float32Array(pixels).fill(0.5))).slice(0, 3)).toEqual([150, 25, 100]);
  });

  it('mixes the amounts of merged objects by their alpha, and is full by default', () => {
    const alpha = (values: number[]): GrayImage => ({ width: 2, height: 2, data: Uint8Array.from(values) });
    expect(decontaminationAmounts([{ alpha: alpha([255, 0, 0, 0]), amount: 1 }], pixels)).toBeUndefined();
    const amounts = decontaminationAmounts(
      [
        { alpha: alpha([255, 100, 0, 0]), amount: 1 },
        { alpha: alpha([0, 100, 50, 0]), amount: 0 },
      ],
      pixels,
    )!;
    expect(Array.from(amounts)).toEqual([1, 0.5, 0, 0]);
  });
});
