import { describe, expect, it } from 'vitest';
import { withAlpha } from './export-frame';

const image = { width: 2, height: 1, data: new Uint8Array([200, 100, 50, 255, 255, 1, 0, 9]) };
const alpha = { width: 2, height: 1, data: new Uint8Array([0, 255]) };

/** Red (220, 30, 20) over green (30, 200, 40), alpha ramping 0 → 1 over x = 8..24. */
function softEdge() {
  const width = 32,
    height = 8;
  const matte = { width, height, data: new Uint8Array(width * height) };
  const picture = { width, height, data: new Uint8Array(width * height * 4) };
  for (let i = 0; i < width * height; i++) {
    const a = Math.min(1, Math.max(0, ((i % width) - 8) / 16));
    matte.data[i] = Math.round(255 * a);
    picture.data.set([220 * a + 30 * (1 - a), 30 * a + 200 * (1 - a), 20 * a + 40 * (1 - a), 255].map(Math.round), 4 * i);
  }
  return { picture, matte, edge: 4 * width + 16 };
}

describe('withAlpha', () => {
  it('puts the matte in the alpha channel and keeps the colour of opaque and clear pixels', () => {
    expect([...withAlpha(image, alpha, 'straight')]).toEqual([200, 100, 50, 0, 255, 1, 0, 255]);
  });

  it('exports a semi-transparent edge in the subject colour, not the background blended in', () => {
    const { picture, matte, edge } = softEdge();
    expect(matte.data[edge]).toBe(128);
    expect([...picture.data.subarray(4 * edge, 4 * edge + 3)]).toEqual([125, 115, 30]); // half green
    const straight = withAlpha(picture, matte, 'straight');
    const [r, g, b, a] = straight.subarray(4 * edge, 4 * edge + 4);
    expect(a).toBe(128);
    expect(Math.abs(r - 220) + Math.abs(g - 30) + Math.abs(b - 20)).toBeLessThan(15);
    const premultiplied = withAlpha(picture, matte, 'premultiplied');
    for (let i = 0; i < straight.length; i += 4) {
      for (let c = 0; c < 3; c++) expect(premultiplied[i + c]).toBe(Math.round((straight[i + c] * straight[i + 3]) / 255));
      expect(premultiplied[i + 3]).toBe(straight[i + 3]);
    }
  });

  it('keeps the image colour of the edge without decontamination, and mixes the two in between', () => {
    const { picture, matte, edge } = softEdge();
    const amount = (k: number) => new Float32Array(matte.data.length).fill(k);
    const pixel = (out: Uint8Array) => [...out.subarray(4 * edge, 4 * edge + 4)];
    expect(pixel(withAlpha(picture, matte, 'straight', amount(0)))).toEqual([125, 115, 30, 128]);
    expect(pixel(withAlpha(picture, matte, 'straight', amount(1)))).toEqual(pixel(withAlpha(picture, matte, 'straight')));
    const [r] = pixel(withAlpha(picture, matte, 'straight', amount(0.5)));
    expect(r).toBeGreaterThan(160);
    expect(r).toBeLessThan(180);
  });

  it('premultiplies colour by alpha, rounded to nearest', () => {
    expect([...withAlpha(image, alpha, 'premultiplied')]).toEqual([0, 0, 0, 0, 255, 1, 0, 255]);
    // A lone pixel has no neighbours to learn a foreground from: its colour is its own.
    for (let c = 0; c < 256; c++) {
      for (let a = 0; a < 256; a += 17) {
        const [out] = withAlpha({ width: 1, height: 1, data: new Uint8Array([c, 0, 0, 0]) }, { width: 1, height: 1, data: new Uint8Array([a]) }, 'premultiplied');
        if (out !== Math.round((c * a) / 255)) throw new Error(`c=${c} a=${a}: ${out}`);
      }
    }
  });

  it('refuses a matte of another size', () => {
    expect(() => withAlpha(image, { width: 1, height: 1, data: new Uint8Array(1) }, 'straight')).toThrow(/1x1.*2x1/);
  });
});
