import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { FrameSource } from '../../shared/engine';
import { NEUTRAL_MATTE } from '../../shared/matte-controls';
import type { GrayImage, RgbaImage } from '../../shared/media';
import { SHARED_DATA_TAG, sharedData } from '../../testing/paths';
import { loadManifest, modelDir } from '../models/manifest';
import { readImageGray, readImageRgba } from '../media/image-file';
import { TRIMAP_UNKNOWN } from './bridge/band-bridge';
import { describeEngine, Engine } from './engine';
import { MATTING_MODULE } from './matting/onnx-head';
import { vitmatteDouble } from './matting/testing/vitmatte-double';
import { ClassicTracker } from './tracker/classic/classic-tracker';

let modelsDir: string;
let image: RgbaImage;
let truth: GrayImage;

beforeAll(async () => {
  modelsDir = await mkdtemp(join(tmpdir(), 'sam2m-engine-'));
  image = await readImageRgba(sharedData('synthetic-matting', 'image', '003.png'));
  truth = await readImageGray(sharedData('synthetic-matting', 'alpha', '003.png'));
});

afterAll(() => rm(modelsDir, { recursive: true, force: true }));

const object1 = [{ objectId: 1, controls: NEUTRAL_MATTE }];
const opaque = (alpha: GrayImage) => alpha.data.filter((v) => v >= 128).length;

describe('Engine', { tags: [SHARED_DATA_TAG] }, () => {
  it('mattes with the chosen head and gives the trimap it mattes in', async () => {
    const source: FrameSource = { width: image.width, height: image.height, frameCount: 1, getFrame: async () => image };
    const engine = new Engine(source, undefined, { modelsDir });
    const thresholded = truth.data.map((v) => (v >= 128 ? 255 : 0));
    await engine.tracker.setPrompts(1, 0, [{ kind: 'mask', width: truth.width, height: truth.height, data: thresholded }]);
    const trimap = engine.trimap(0, [1]);
    const unknown = trimap.data.reduce((n, v) => n + (v === TRIMAP_UNKNOWN ? 1 : 0), 0);
    expect(unknown).toBeGreaterThan(1000);
    expect(engine.trimap(0, []).data.every((v) => v === 0)).toBe(true);

    const guided = (await engine.renderFrame(0, object1, { head: 'guided-filter', quality: 'final' })).alpha;
    const closedForm = (await engine.renderFrame(0, object1, { head: 'closed-form', quality: 'final' })).alpha;
    let differ = 0;
    for (let i = 0; i < trimap.data.length; i++) {
      if (trimap.data[i] !== TRIMAP_UNKNOWN) {
        expect(guided.data[i]).toBe(trimap.data[i]);
        expect(closedForm.data[i]).toBe(trimap.data[i]);
      } else if (guided.data[i] !== closedForm.data[i]) differ++;
    }
    expect(differ / unknown).toBeGreaterThan(0.2);
    await expect(engine.renderFrame(0, object1, { head: 'knn', quality: 'final' })).rejects.toThrow(/Unknown matting head "knn"/);
  });

  it("applies each object's matte controls to its alpha, and says which head and quality made the matte", async () => {
    const source: FrameSource = { width: image.width, height: image.height, frameCount: 1, getFrame: async () => image };
    const engine = new Engine(source, undefined, { modelsDir });
    await engine.tracker.setPrompts(1, 0, [{ kind: 'mask', width: truth.width, height: truth.height, data: truth.data.map((v) => (v >= 128 ? 255 : 0)) }]);
    const plain = await engine.renderFrame(0, object1, { head: 'closed-form', quality: 'final' });
    expect(plain.source).toEqual({ head: 'closed-form', headName: expect.stringMatching(/^Closed-form/), quality: 'final', width: image.width, height: image.height });
    expect(plain.objects.map((o) => o.objectId)).toEqual([1]);
    expect(plain.objects[0].alpha.data).toEqual(plain.alpha.data);
    const grown = await engine.renderFrame(0, [{ objectId: 1, controls: { ...NEUTRAL_MATTE, grow: 4 } }], { head: 'closed-form', quality: 'final' });
    expect(opaque(grown.alpha)).toBeGreaterThan(opaque(plain.alpha) + 100);
    // An object the tracker has nothing for on the frame is left out.
    expect((await engine.renderFrame(0, [...object1, { objectId: 7, controls: NEUTRAL_MATTE }], { head: 'guided-filter', quality: 'preview' })).objects).toHaveLength(1);
  });

  it("lists the heads in the engine info, the ONNX one unavailable without its model, the paper's without SAM 2.1", async () => {
    const info = await describeEngine(modelsDir);
    expect(info.heads.map((h) => h.id)).toEqual(['guided-filter', 'closed-form', 'vitmatte-small-composition-1k', 'sam2matting']);
    expect(info.heads[2]).toMatchObject({ available: false, reason: expect.stringContaining(modelsDir) });
    expect(info.heads[3]).toEqual({
      id: 'sam2matting',
      title: 'SAM2Matting (paper) — CC BY-NC 4.0 / CC BY-NC-SA 4.0, non-commercial use only',
      available: false,
      reason: "SAM2Matting (paper) needs a SAM 2.1 tracker, and none is installed: it runs on the tracker's own features.",
    });
  });

  it('closes the tracker and releases the model sessions of the heads it opened', async () => {
    const installed = await mkdtemp(join(tmpdir(), 'sam2m-engine-heads-'));
    try {
      const vitmatte = (await loadManifest()).models.find((m) => m.family === 'matting-head')!;
      await mkdir(modelDir(installed, vitmatte.id), { recursive: true });
      await vitmatteDouble(vitmatte.modules[MATTING_MODULE]).write(join(modelDir(installed, vitmatte.id), vitmatte.modules[MATTING_MODULE].file));
      const source: FrameSource = { width: image.width, height: image.height, frameCount: 1, getFrame: async () => image };
      const trackerClosed = vi.fn(async () => {});
      const tracker = Object.assign(new ClassicTracker(source), { close: trackerClosed });
      const engine = new Engine(source, tracker, { modelsDir: installed });
      await tracker.setPrompts(1, 0, [{ kind: 'mask', width: truth.width, height: truth.height, data: truth.data.map((v) => (v >= 128 ? 255 : 0)) }]);
      await engine.renderFrame(0, object1, { head: vitmatte.id, quality: 'final' });
      // The typings describe a factory; at run time it is the class whose instances the head holds.
      const released = vi.spyOn((InferenceSession as unknown as { prototype: InferenceSession }).prototype, 'release');
      await engine.close();
      expect(trackerClosed).toHaveBeenCalledTimes(1);
      expect(released).toHaveBeenCalledTimes(1);
      released.mockRestore();
    } finally {
      await rm(installed, { recursive: true, force: true });
    }
  });
});
