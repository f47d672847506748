import { describe, expect, it } from 'vitest';
import { resizeRgbaArea } from '../../shared/common/resize';
import type { GrayImage, RgbaImage } from '../../shared/media';
import { SHARED_DATA_TAG, sharedData } from '../../testing/paths';
import { readImageGray, readImageRgba } from '../media/image-file';
import { estimateForeground } from './foreground';

/** I = αF + (1 − α)B, rounded, opaque. */
function compose(foreground: RgbaImage, background: RgbaImage, alpha: GrayImage): RgbaImage {
  const data = new Uint8Array(foreground.data.length);
  for (let i = 0; i < alpha.data.length; i++) {
    const a = alpha.data[i] / 255;
    for (let c = 0; c < 3; c++) data[4 * i + c] = Math.round(a * foreground.data[4 * i + c] + (1 - a) * background.data[4 * i + c]);
    data[4 * i + 3] = 255;
  }
  return { width: alpha.width, height: alpha.height, data };
}

/** Mean absolute colour difference (0..255, per channel) over the pixels with low < α < 0.9. */
function edgeError(a: RgbaImage, b: RgbaImage, alpha: GrayImage, low = 0.1): number {
  let sum = 0;
  let count = 0;
  for (let i = 0; i < alpha.data.length; i++) {
    if (alpha.data[i] <= 255 * low || alpha.data[i] >= 255 * 0.9) continue;
    for (let c = 0; c < 3; c++) sum += Math.abs(a.data[4 * i + c] - b.data[4 * i + c]);
    count += 3;
  }
  return sum / count;
}

describe('estimateForeground', () => {
  it('recovers a flat foreground colour through a soft edge', () => {
    // Red over blue with alpha ramping 0 → 1 across 16 px: I is purple in between, F must be red.
    const width = 32,
      height = 8;
    const alpha = { width, height, data: Uint8Array.from({ length: width * height }, (_, i) => Math.round(255 * Math.min(1, Math.max(0, ((i % width) - 8) / 16)))) };
    const fill = (r: number, g: number, b: number) => ({ width, height, data: Uint8Array.from({ length: width * height * 4 }, (_, i) => [r, g, b, 255][i % 4]) });
    const image = compose(fill(220, 30, 20), fill(20, 40, 230), alpha);
    const out = estimateForeground(image, alpha);
    for (let i = 0; i < alpha.data.length; i++) {
      expect(out.data[4 * i + 3]).toBe(alpha.data[i]);
      if (alpha.data[i] < 26) continue; // nearly transparent: F says little about I there
      expect(Math.abs(out.data[4 * i] - 220)).toBeLessThan(8);
      expect(Math.abs(out.data[4 * i + 2] - 20)).toBeLessThan(8);
    }
  });

  it('keeps opaque and transparent pixels as they are', () => {
    const image = { width: 3, height: 1, data: Uint8Array.of(10, 20, 30, 255, 40, 50, 60, 255, 70, 80, 90, 255) };
    const alpha = { width: 3, height: 1, data: Uint8Array.of(0, 255, 255) };
    expect([...estimateForeground(image, alpha).data]).toEqual([10, 20, 30, 0, 40, 50, 60, 255, 70, 80, 90, 255]);
  });

  it.each(['000.png', '003.png', '006.png'])('removes the old background from hair and veil on a composite with exact alpha %s', { tags: [SHARED_DATA_TAG] }, async (name) => {
    // Subject texture from groceries.jpg, background from cars.jpg, alpha from synthetic-matting's
    // truth (strands, veil, motion blur): the true F is known, and so is the composite over another
    // background (whose error is α·|F̂ − F|: what shows as a halo).
    const alpha = await readImageGray(sharedData('synthetic-matting', 'alpha', name));
    const load = async (file: string) => resizeRgbaArea(await readImageRgba(sharedData('images', file)), alpha.width, alpha.height);
    const [foreground, background, other] = await Promise.all([load('groceries.jpg'), load('cars.jpg'), load('truck.jpg')]);
    const image = compose(foreground, background, alpha);
    const estimated = estimateForeground(image, alpha);
    const errors = (f: RgbaImage) => ({
      colour: edgeError(f, foreground, alpha),
      mostlyOpaque: edgeError(f, foreground, alpha, 0.5),
      composite: edgeError(compose(f, other, alpha), compose(foreground, other, alpha), alpha),
    });
    const [ours, naive] = [errors(estimated), errors(image)];
    console.log(
      `${name} colour error, estimated F vs F = I: 0.1 < α < 0.9 ${ours.colour.toFixed(1)} vs ${naive.colour.toFixed(1)}; 0.5 < α < 0.9 ${ours.mostlyOpaque.toFixed(1)} vs ${naive.mostlyOpaque.toFixed(1)}; over another background ${ours.composite.toFixed(1)} vs ${naive.composite.toFixed(1)}`,
    );
    expect(ours.colour).toBeLessThan(0.7 * naive.colour);
    expect(ours.mostlyOpaque).toBeLessThan(0.25 * naive.mostlyOpaque);
    expect(ours.composite).toBeLessThan(0.7 * naive.composite);
  });
});
