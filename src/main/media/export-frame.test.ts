import { describe, expect, it } from 'vitest';
import { withAlpha } from './export-frame';

const image = { width: 2, height: 1, data: new Uint8Array([200, 100, 50, 255, 255, 1, 0, 9]) };
const alpha = { width: 2, height: 1, data: new Uint8Array([128, 255]) };

describe('withAlpha', () => {
  it('puts the matte in the alpha channel and keeps straight colour as is', () => {
    expect([...withAlpha(image, alpha, 'straight')]).toEqual([200, 100, 50, 128, 255, 1, 0, 255]);
  });

  it('premultiplies colour by alpha, rounded to nearest', () => {
    expect([...withAlpha(image, alpha, 'premultiplied')]).toEqual([100, 50, 25, 128, 255, 1, 0, 255]);
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
