import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readImageGray } from '../media/image-file';
import { sharedFile, SHARED_DATA_TAG } from '../../testing/paths';
import { resizeBilinearAntialias, resizePillowBicubic } from './reference-resize';

interface PillowCase {
  width: number;
  height: number;
  to: [number, number];
  rgb: string;
  resized: string;
}
const pillow = JSON.parse(readFileSync(new URL('./testing/pillow-bicubic-cases.json', import.meta.url), 'utf8')) as { cases: PillowCase[] };

function rgba(rgb: Buffer): Uint8Array {
  const out = new Uint8Array((rgb.length / 3) * 4).fill(255);
  for (let i = 0; i < rgb.length / 3; i++) out.set(rgb.subarray(3 * i, 3 * i + 3), 4 * i);
  return out;
}

describe('resizePillowBicubic', () => {
  it.each(pillow.cases)('equals Pillow 9.4 byte for byte: $width x $height to $to', (c) => {
    const out = resizePillowBicubic({ width: c.width, height: c.height, data: rgba(Buffer.from(c.rgb, 'base64')) }, c.to[0], c.to[1]);
    expect(Buffer.from(out.data)).toEqual(Buffer.from(rgba(Buffer.from(c.resized, 'base64'))));
  });
});

describe('resizeBilinearAntialias', () => {
  it('keeps a constant and averages a 4x downscale over a triangle of 8 source pixels', () => {
    for (const v of resizeBilinearAntialias(new Float32Array(64).fill(3), 8, 8, 2, 2)) expect(v).toBeCloseTo(3, 5);
    // Output 0 is centred at source 2: six taps inside the row (x = 0..5) weigh 5/8, 7/8, 7/8, 5/8, 3/8, 1/8 (sum 3.5).
    const row = new Float32Array(8);
    row[3] = 1;
    const out = resizeBilinearAntialias(row, 8, 1, 2, 1);
    expect(out[0]).toBeCloseTo(0.625 / 3.5, 6);
  });

  it("reproduces SAM2's add_new_mask resize of the twin's mask to 1024² (>= 0.5) exactly", { tags: [SHARED_DATA_TAG] }, async () => {
    const mask = await readImageGray(sharedFile('sam2-twin', 'mask_obj3_f23.png'));
    const expected = await readImageGray(sharedFile('sam2-twin', 'mask_obj3_f23_1024_sam2resize.png'));
    const up = resizeBilinearAntialias(
      Float32Array.from(mask.data, (v) => (v > 0 ? 1 : 0)),
      mask.width,
      mask.height,
      1024,
      1024,
    );
    let differ = 0;
    for (let i = 0; i < up.length; i++) if (up[i] >= 0.5 !== expected.data[i] > 0) differ++;
    expect(differ).toBe(0);
  });
});
