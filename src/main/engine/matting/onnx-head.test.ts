import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../shared/models';
import type { GrayImage, RgbaImage } from '../../../shared/media';
import { loadManifest, modelDir } from '../../models/manifest';
import { OnnxGraph } from '../../models/testing/onnx-graph';
import { MATTING_MODULE, OnnxMattingHead, paddedSize, toPixelValues } from './onnx-head';
import { doubleAlphaForUnknown, vitmatteDouble } from './testing/vitmatte-double';

let modelsDir: string;
let vitmatte: ModelSpec;

/** Red varies along x, green and blue are noise the double must ignore; a band of unknown in the middle. */
function scene(width: number, height: number): { image: RgbaImage; trimap: GrayImage } {
  const image = { width, height, data: new Uint8Array(width * height * 4) };
  const trimap = { width, height, data: new Uint8Array(width * height) };
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    image.data.set([(x * 255) / (width - 1), (i * 37) % 256, (i * 91) % 256, 255], 4 * i);
    trimap.data[i] = x < width / 3 ? 0 : x >= (2 * width) / 3 ? 255 : 128;
  }
  return { image, trimap };
}

beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'sam2m-heads-'));
  vitmatte = (await loadManifest()).models.find((m) => m.family === 'matting-head')!;
  const dir = modelDir(modelsDir, vitmatte.id);
  await mkdir(dir, { recursive: true });
  await vitmatteDouble(vitmatte.modules[MATTING_MODULE]).write(join(dir, vitmatte.modules[MATTING_MODULE].file));
});

afterAll(() => rm(modelsDir, { recursive: true, force: true }));

describe('toPixelValues', () => {
  it('normalises RGB to [-1, 1], codes the trimap 0 / 0.5 / 1 and pads with zeros', () => {
    const image = { width: 2, height: 1, data: Uint8Array.of(0, 255, 51, 255, 255, 0, 102, 255) };
    const trimap = { width: 2, height: 1, data: Uint8Array.of(0, 77) };
    const values = toPixelValues(image, trimap, 3, 2);
    const plane = (c: number) => Array.from(values.subarray(c * 6, c * 6 + 6)).map((v) => Math.round(v * 100) / 100);
    expect(plane(0)).toEqual([-1, 1, 0, 0, 0, 0]);
    expect(plane(1)).toEqual([1, -1, 0, 0, 0, 0]);
    expect(plane(2)).toEqual([-0.6, -0.2, 0, 0, 0, 0]);
    expect(plane(3)).toEqual([0, 0.5, 0, 0, 0, 0]);
    expect([paddedSize(70), paddedSize(64), paddedSize(1)]).toEqual([96, 64, 32]);
  });
});

describe('OnnxMattingHead', () => {
  it('feeds the model as the spec says, crops its alpha back and keeps known pixels', async () => {
    const head = await OnnxMattingHead.open(vitmatte, modelsDir, ['cpu']);
    expect(head.provider).toBe('cpu');
    const { image, trimap } = scene(70, 45);
    const out = await head.matte({ image, trimap, quality: 'final' });
    expect([out.width, out.height]).toEqual([70, 45]);
    for (let i = 0; i < out.data.length; i++) {
      const t = trimap.data[i];
      const expected = t === 128 ? Math.round(255 * doubleAlphaForUnknown(image.data[4 * i])) : t;
      expect(Math.abs(out.data[i] - expected)).toBeLessThanOrEqual(1);
    }
    await head.close();
  });

  it('gives the same alpha when a big region runs as overlapping tiles', async () => {
    const whole = await OnnxMattingHead.open(vitmatte, modelsDir, ['cpu']);
    const tiled = await OnnxMattingHead.open(vitmatte, modelsDir, ['cpu'], { maxTile: 64, tileOverlap: 16 });
    const input = { ...scene(150, 100), quality: 'final' as const };
    const a = await whole.matte(input);
    const b = await tiled.matte(input);
    let worst = 0;
    for (let i = 0; i < a.data.length; i++) worst = Math.max(worst, Math.abs(a.data[i] - b.data[i]));
    expect(worst).toBeLessThanOrEqual(1);
    await Promise.all([whole.close(), tiled.close()]);
  });

  it('names the missing file, and the tensors of a graph that does not match', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'sam2m-noheads-'));
    await expect(OnnxMattingHead.open(vitmatte, empty, ['cpu'])).rejects.toThrow(/model\.onnx.*file not found/s);
    const dir = modelDir(empty, vitmatte.id);
    await mkdir(dir, { recursive: true });
    const wrong = new OnnxGraph();
    wrong.output({ name: 'alpha_wrong', type: 'float32', dims: ['B', 4, 'H', 'W'] }, wrong.input(vitmatte.modules[MATTING_MODULE].inputs.image_trimap));
    await wrong.write(join(dir, vitmatte.modules[MATTING_MODULE].file));
    await expect(OnnxMattingHead.open(vitmatte, empty, ['cpu'])).rejects.toThrow(/no output named alphas/);
    await expect(OnnxMattingHead.open({ ...vitmatte, modules: {} }, empty, ['cpu'])).rejects.toThrow(/has no "matting" module/);
    await rm(empty, { recursive: true, force: true });
  });
});
