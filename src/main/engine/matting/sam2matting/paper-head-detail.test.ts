/**
 * The detail mode's geometry, with heads that show what they were given: their alpha is the red channel of
 * the image input, averaged 2×2 (the 512² output of a 1024² input). On a frame of two-pixel stripes the
 * preview (the whole frame squeezed to 1024², its 512² alpha stretched back) blurs the stripes away; the
 * detail tiles (512 source pixels each, so 512² alpha is one value per pixel) must give them back, aligned
 * (one pixel off, the error would be half the stripes' contrast).
 */
import { describe, expect, it } from 'vitest';
import type { GrayImage, RgbaImage } from '../../../../shared/media';
import type { FrameFeatures } from '../../tracker/sam2/image-features';
import type { HostTensor, ModuleRunner, TensorMap } from '../../../inference/module-runner';
import { PaperMattingHead, type PaperTracker } from './paper-head';

const GRID = 64;
const SIDE = 16 * GRID;

/** Features of the right sizes; these heads never read them. */
function features(): FrameFeatures {
  const tensor = (c: number, s: number): HostTensor => ({ type: 'float32', dims: [1, c, s, s], data: new Float32Array(c * s * s) });
  return {
    channels: 256,
    grid: GRID,
    pixFeat: new Float32Array(256 * GRID * GRID),
    pixSeq: new Float32Array(0),
    posSeq: new Float32Array(0),
    highRes0: tensor(32, 4 * GRID),
    highRes1: tensor(64, 2 * GRID),
  };
}

/** Heads whose alpha is the image input's red channel (ImageNet normalisation undone), averaged 2×2. */
const redHeads: ModuleRunner = {
  providers: { heads: 'cpu' },
  async run(_module: string, inputs: TensorMap): Promise<TensorMap> {
    const image = inputs.image.data as Float32Array;
    const half = SIDE / 2;
    const alpha = new Float32Array(half * half);
    const red = (x: number, y: number) => image[y * SIDE + x] * 0.229 + 0.485;
    for (let y = 0; y < half; y++)
      for (let x = 0; x < half; x++) alpha[y * half + x] = (red(2 * x, 2 * y) + red(2 * x + 1, 2 * y) + red(2 * x, 2 * y + 1) + red(2 * x + 1, 2 * y + 1)) / 4;
    return { alpha: { type: 'float32', dims: [1, 1, half, half], data: alpha } };
  },
  async close() {},
};

/** Vertical stripes two pixels wide (red 215 / 40), under an object covering the middle of the frame. */
function stripedFrame(width: number, height: number): { image: RgbaImage; mask: GrayImage } {
  const data = new Uint8Array(width * height * 4);
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      data.set([x % 4 < 2 ? 215 : 40, 128, 128, 255], 4 * i);
      mask[i] = x > width / 4 && x < (3 * width) / 4 && y > height / 4 && y < (3 * height) / 4 ? 255 : 0;
    }
  }
  return { image: { width, height, data }, mask: { width, height, data: mask } };
}

describe('PaperMattingHead detail mode', () => {
  it('gives the band tiles at source resolution, aligned with the frame, where the preview is stretched and soft', async () => {
    const [width, height] = [1600, 900];
    const { image, mask } = stripedFrame(width, height);
    const encoded: number[] = [];
    const tracker: PaperTracker = {
      imageFeatures: async () => features(),
      encodeImage: async (input) => (encoded.push(input.length), features()),
      lowResLogits: () => ({ width: 4 * GRID, height: 4 * GRID, data: new Float32Array(16 * GRID * GRID).fill(1) }),
      getResult: () => ({ objectId: 1, frame: 0, mask, score: 1, present: true, source: 'propagated' }),
    };
    const head = new PaperMattingHead(tracker, { runner: redHeads, title: 'red heads' });
    const preview = (await head.matteObjects(image, 0, [1], 'preview')).alphas[0];
    const detail = await head.matteObjects(image, 0, [1], 'final');
    expect(detail.matted).toEqual({ width, height });
    expect(encoded.length).toBeGreaterThan(0);
    expect(encoded.every((n) => n === 3 * SIDE * SIDE)).toBe(true);

    // On the object's edge (the band, where the tiles are): stripes kept, each pixel its own.
    const errorOn = (alpha: GrayImage, y: number) => {
      let sum = 0;
      for (let x = width / 4 + 20; x < (3 * width) / 4 - 20; x++) sum += Math.abs(alpha.data[y * width + x] - image.data[4 * (y * width + x)]);
      return sum / (width / 2 - 40);
    };
    const edgeRow = Math.round(height / 4) + 1;
    // Measured: preview 86, detail 10 (the heads' own 2×2 average of a bicubic 2× upscale); one pixel off would be 87.
    expect(errorOn(preview, edgeRow)).toBeGreaterThan(60);
    expect(errorOn(detail.alphas[0], edgeRow)).toBeLessThan(20);
  });
});
