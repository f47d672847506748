import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../shared/models';
import { loadManifest, modelDir } from '../../models/manifest';
import { createHead, listHeads } from './head-registry';
import { MATTING_MODULE } from './onnx-head';
import { doubleAlphaForUnknown, vitmatteDouble } from './testing/vitmatte-double';

let empty: string;
let installed: string;
let vitmatte: ModelSpec;

beforeAll(async () => {
  empty = await mkdtemp(join(tmpdir(), 'sam2m-registry-empty-'));
  installed = await mkdtemp(join(tmpdir(), 'sam2m-registry-'));
  vitmatte = (await loadManifest()).models.find((m) => m.family === 'matting-head')!;
  const dir = modelDir(installed, vitmatte.id);
  await mkdir(dir, { recursive: true });
  await vitmatteDouble(vitmatte.modules[MATTING_MODULE]).write(join(dir, vitmatte.modules[MATTING_MODULE].file));
});

afterAll(() => Promise.all([rm(empty, { recursive: true, force: true }), rm(installed, { recursive: true, force: true })]));

describe('head registry', () => {
  it('lists the built-in heads, and the ONNX head as unavailable with the reason while its model is missing', async () => {
    const heads = await listHeads(empty);
    expect(heads.slice(0, 2).map((h) => [h.id, h.available])).toEqual([
      ['guided-filter', true],
      ['closed-form', true],
    ]);
    const onnx = heads.find((h) => h.id === vitmatte.id)!;
    expect(onnx.available).toBe(false);
    expect(onnx.reason).toContain(empty);
    expect((await listHeads(installed)).find((h) => h.id === vitmatte.id)).toMatchObject({ available: true, reason: null });
  });

  it('creates each head by id and refuses an unknown one by listing the known ids', async () => {
    const image = { width: 8, height: 8, data: new Uint8Array(256).fill(200) };
    const trimap = { width: 8, height: 8, data: new Uint8Array(64).map((_, i) => (i % 8 < 2 ? 0 : i % 8 > 5 ? 255 : 128)) };
    for (const id of ['guided-filter', 'closed-form']) {
      const out = await (await createHead(id, empty)).matte({ image, trimap, quality: 'final' });
      expect(out.data[0]).toBe(0);
      expect(out.data[7]).toBe(255);
    }
    const onnx = await createHead(vitmatte.id, installed);
    expect((await onnx.matte({ image, trimap, quality: 'final' })).data[3]).toBe(Math.round(255 * doubleAlphaForUnknown(200)));
    await expect(createHead(vitmatte.id, empty)).rejects.toThrow(/file not found/);
    await expect(createHead('knn', empty)).rejects.toThrow(/Unknown matting head "knn"; known: guided-filter, closed-form, vitmatte/);
    // The paper's heads need a tracked clip: matte says where to use them.
    await expect(createHead('sam2matting', empty)).rejects.toThrow(
      /^SAM2Matting \(paper\) mattes tracked clips .*: use it in the editor or with sam2matting render --head sam2matting\.$/,
    );
  });
});
