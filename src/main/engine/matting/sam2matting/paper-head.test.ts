/**
 * The paper's heads in the app, on the twins (../shared/sam2-twin, ../shared/sam2matting-heads-twin),
 * both installed through the model manager as a user installs them: the head mattes a tracked clip1024
 * frame from the tracker's own cached features and low-res mask exactly as the heads graph does when
 * run directly, without another image-encoder run; and the pairing check refuses heads whose
 * checkpoint holds another tracker (one byte changed), naming both models.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NEUTRAL_MATTE } from '../../../../shared/matte-controls';
import type { GrayImage } from '../../../../shared/media';
import { sharedFile, SHARED_DATA_TAG } from '../../../../testing/paths';
import { FrameReader } from '../../../media/frame-reader';
import { readImageRgba } from '../../../media/image-file';
import { probeMedia } from '../../../media/probe';
import { rezip } from '../../../models/checkpoint/testing/torch-writer';
import { withCheckpoint } from '../../../models/checkpoint/torch-checkpoint';
import { FINGERPRINT_FILE } from '../../../models/fingerprint-record';
import { modelDir } from '../../../models/manifest';
import { JobRunner } from '../../../services/jobs';
import { ModelService } from '../../../services/model-service';
import { Engine } from '../../engine';
import { ClassicTracker } from '../../tracker/classic/classic-tracker';
import { createTracker } from '../../tracker/create-tracker';
import type { ModuleRunner } from '../../../inference/module-runner';
import type { Sam2Tracker } from '../../tracker/sam2/sam2-tracker';
import { bilinearAt } from '../../tracker/sam2/testing/bilinear-reference';
import { buildSam2MattingHeadsGraph } from '../../../models/checkpoint/sam2matting-heads-graph';
import { readSam2MattingHeads } from '../../../models/checkpoint/sam2matting-heads';
import { detailTiles, paperHeadSlot, PAPER_HEAD_ID } from './paper-head';
import { BandBridge } from '../../bridge/band-bridge';
import { resizeGrayBilinear } from '../../../../shared/common/resize';

const SAM2 = 'sam2.1-hiera-tiny';
const HEADS = 'sam2matting-sam2.1-tiny';
const HEADS_TWIN = sharedFile('sam2matting-heads-twin', 'sam2matting_twin.pt');
const twin = (...parts: string[]) => sharedFile('sam2-twin', ...parts);
/** Step 1 of the SAM 2.1 twin's script: one click on frame 0, in the clip1024 space. */
const CLICK = { kind: 'point' as const, x: 224.0, y: 663.7037037037037, positive: true };
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

let dir: string;
let models: ModelService;
let reader: FrameReader;
let engine: Engine;
let tracker: Sam2Tracker;
/** Runs per module of the tracker's runner. */
const calls = new Map<string, number>();

function counting(runner: ModuleRunner): ModuleRunner {
  return {
    get providers() {
      return runner.providers;
    },
    run(module, inputs, signal) {
      calls.set(module, (calls.get(module) ?? 0) + 1);
      return runner.run(module, inputs, signal);
    },
    close: () => runner.close(),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-paper-heads-'));
  models = new ModelService({ jobs: new JobRunner(() => {}), emit: () => {}, modelsDir: join(dir, 'models') });
}, 120_000);

afterAll(async () => {
  await engine?.close();
  reader?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('SAM2Matting (paper) on the twins', { tags: [SHARED_DATA_TAG] }, () => {
  it('installs both twins, recording equal tracker fingerprints and keeping only the graphs', async () => {
    expect(await models.importModel(SAM2, twin('slim'))).toMatchObject({ state: 'installed' });
    expect(await models.importModel(HEADS, HEADS_TWIN)).toMatchObject({ state: 'installed', pinned: true, licence: 'CC BY-NC 4.0', requiresLicenceAcceptance: true });
    const record = async (id: string) => JSON.parse(await readFile(join(modelDir(models.modelsDir, id), FINGERPRINT_FILE), 'utf8'));
    const [sam2, heads] = [await record(SAM2), await record(HEADS)];
    expect(sam2).toMatchObject({ checkpoint: 'sam2.1_hiera_tiny_twin.pt', file: 'sam2_constants.onnx' });
    expect(heads).toMatchObject({ checkpoint: 'sam2matting_twin.pt', file: 'sam2matting_heads.onnx', fingerprint: sam2.fingerprint });
    // The graph the app keeps is the one built from the checkpoint's head tensors.
    const built = buildSam2MattingHeadsGraph(await readSam2MattingHeads(HEADS_TWIN));
    expect(Buffer.from(await readFile(join(modelDir(models.modelsDir, HEADS), 'sam2matting_heads.onnx'))).equals(Buffer.from(built))).toBe(true);
    expect(await models.paperHeadsFor(SAM2)).toMatchObject({ ok: true, heads: { id: HEADS }, tracker: { id: SAM2 } });
    expect((await models.engineInfo()).heads.find((h) => h.id === PAPER_HEAD_ID)).toEqual({
      id: PAPER_HEAD_ID,
      title: 'SAM2Matting (paper) — CC BY-NC 4.0, non-commercial use only',
      available: true,
      reason: null,
    });
  }, 300_000);

  it("mattes a tracked frame from the tracker's own features and mask as the graph does directly, with no second encoder run", async () => {
    reader = new FrameReader(await probeMedia(twin('clip1024', '00000.png')));
    const created = await createTracker(reader, models.modelsDir, undefined, { openRunner: async (model) => counting(await models.openRunner(model.id, { extend: () => model })) });
    expect(created).toMatchObject({ fallbackReason: null, modelId: SAM2 });
    tracker = created.tracker as Sam2Tracker;
    engine = new Engine(reader, tracker, { modelsDir: models.modelsDir, openPaperHeads: () => models.openPaperHeads(SAM2) });
    await tracker.setPrompts(1, 0, [CLICK]);
    for await (const result of tracker.propagate({ direction: 'forward', range: { start: 0, end: 1 } })) expect(result.present).toBe(true);
    const encoded = calls.get('image_encoder');
    expect(encoded).toBe(2);

    const frame = 1;
    const matte = await engine.renderFrame(frame, [{ objectId: 1, controls: NEUTRAL_MATTE }], { head: PAPER_HEAD_ID, quality: 'preview' });
    const { alpha } = matte;
    expect(calls.get('image_encoder')).toBe(encoded);
    expect([alpha.width, alpha.height]).toEqual([1024, 1024]);
    // What made it: the paper's head at its one quality, matted at 512² and scaled to the frame.
    expect(matte.source).toEqual({ head: PAPER_HEAD_ID, headName: 'SAM2Matting (paper): SAM2Matting (SAM 2.1 Tiny)', quality: 'preview', width: 512, height: 512 });
    expect(matte.objects.map((o) => o.objectId)).toEqual([1]);

    // The same graph, run here on what the tracker holds for that frame, fed by hand.
    const session = await InferenceSession.create(buildSam2MattingHeadsGraph(await readSam2MattingHeads(HEADS_TWIN)));
    try {
      const features = await tracker.imageFeatures(frame);
      expect(calls.get('image_encoder')).toBe(encoded);
      const png = await readImageRgba(twin('clip1024', '00001.png'));
      const pixels = new Float32Array(3 * 1024 * 1024);
      for (let i = 0; i < 1024 * 1024; i++) for (let c = 0; c < 3; c++) pixels[c * 1024 * 1024 + i] = (png.data[4 * i + c] / 255 - MEAN[c]) / STD[c];
      const logits = tracker.lowResLogits(1, frame)!;
      const mask = Float32Array.from(logits.data, (v) => (v > 0 ? 1 : 0));
      const out = await session.run({
        backbone_fpn_0: new Tensor('float32', features.highRes0.data as Float32Array, features.highRes0.dims),
        backbone_fpn_1: new Tensor('float32', features.highRes1.data as Float32Array, features.highRes1.dims),
        backbone_fpn_2: new Tensor('float32', features.pixFeat, [1, 256, 64, 64]),
        image: new Tensor('float32', pixels, [1, 3, 1024, 1024]),
        mask: new Tensor('float32', mask, [1, 1, 256, 256]),
      });
      expect(out.alpha.dims).toEqual([1, 1, 512, 512]);
      const small = out.alpha.data as Float32Array;
      const expected = (x: number, y: number) => bilinearAt((sx, sy) => small[sy * 512 + sx], [512, 512, 1024, 1024], x, y);
      let worst = 0;
      for (let y = 0; y < 1024; y++) for (let x = 0; x < 1024; x++) worst = Math.max(worst, Math.abs(alpha.data[y * 1024 + x] - 255 * expected(x, y)));
      // Rounding to 8 bits, and float32 against float64 interpolation.
      expect(worst).toBeLessThanOrEqual(0.5 + 1e-3);
    } finally {
      await session.release();
    }
    // A soft matte, not the tracker's mask: random weights, but every stage ran.
    expect(softShare(alpha)).toBeGreaterThan(0.01);
  }, 300_000);

  it("adds the detail tiles on 'final': one encoder run per band tile, the preview kept where no tile reaches", async () => {
    const frame = 1;
    const targets = [{ objectId: 1, controls: NEUTRAL_MATTE }];
    const preview = await engine.renderFrame(frame, targets, { head: PAPER_HEAD_ID, quality: 'preview' });
    const before = calls.get('image_encoder')!;
    const detail = await engine.renderFrame(frame, targets, { head: PAPER_HEAD_ID, quality: 'final' });
    expect(detail.source).toMatchObject({ head: PAPER_HEAD_ID, quality: 'final', width: 1024, height: 1024 });

    const mask = tracker.getResult(1, frame)!.mask;
    const tiles = detailTiles(new BandBridge().propose(resizeGrayBilinear(mask, 1024, 1024), 1024, 1024).trimap);
    // A 1024² frame is a 3×3 grid of 512² tiles; the band of the twin's mask reaches some of them.
    expect(tiles.length).toBeGreaterThan(0);
    expect(tiles.length).toBeLessThanOrEqual(9);
    expect(calls.get('image_encoder')! - before).toBe(tiles.length);
    for (let y = 0; y < 1024; y++) {
      for (let x = 0; x < 1024; x++) {
        const i = y * 1024 + x;
        if (!tiles.some((t) => x >= t.x && x < t.x + t.width && y >= t.y && y < t.y + t.height)) expect(detail.alpha.data[i]).toBe(preview.alpha.data[i]);
      }
    }
    // What the tiles compute, at source resolution: paper-head-detail.test.ts (the twin's random heads give a nearly flat alpha).
  }, 300_000);

  it('refuses heads whose checkpoint holds another tracker (one byte changed), naming both models', async () => {
    const bias = await withCheckpoint(HEADS_TWIN, (c) => c.readBytes('sam_mask_decoder.iou_prediction_head.layers.2.bias'));
    const isBias = (name: string, content: Uint8Array) => name.includes('/data/') && Buffer.from(content).equals(bias.bytes);
    const changed = join(dir, 'SAM2Matting-other.pt');
    await writeFile(changed, await rezip(await readFile(HEADS_TWIN), (name, content) => (isBias(name, content) ? content.map((b, i) => (i === 5 ? b ^ 1 : b)) : content)));
    expect(await models.importModel(HEADS, changed)).toMatchObject({ state: 'installed' });

    const refusal = new RegExp(
      '^SAM2Matting \\(SAM 2\\.1 Tiny\\) does not belong with SAM 2\\.1 Tiny: the tracker tensors in its checkpoint \\(SAM2Matting-other\\.pt, fingerprint [0-9a-f]{12}…\\) ' +
        "differ from those of SAM 2\\.1 Tiny's checkpoint \\(sam2\\.1_hiera_tiny_twin\\.pt, fingerprint [0-9a-f]{12}…\\), so its heads were trained on another tracker's features\\. " +
        'The app refuses this pairing',
    );
    await expect(models.openPaperHeads(SAM2)).rejects.toMatchObject({ kind: 'pairing', message: expect.stringMatching(refusal) });
    expect((await models.engineInfo()).heads.find((h) => h.id === PAPER_HEAD_ID)).toMatchObject({ available: false, reason: expect.stringMatching(refusal) });
    // The clip's engine had the good pair open; a fresh one (a clip opened now) refuses.
    const fresh = new Engine(reader, tracker, { modelsDir: models.modelsDir, openPaperHeads: () => models.openPaperHeads(SAM2) });
    await expect(fresh.renderFrame(1, [{ objectId: 1, controls: NEUTRAL_MATTE }], { head: PAPER_HEAD_ID, quality: 'preview' })).rejects.toThrow(refusal);

    // The original checkpoint pairs again.
    await models.importModel(HEADS, HEADS_TWIN);
    expect(await models.paperHeadsFor(SAM2)).toMatchObject({ ok: true });
  }, 300_000);
});

describe('SAM2Matting (paper) without what it needs', () => {
  it('says so on a clip tracked by the classic tracker, and where no opener is given', async () => {
    const source = { width: 8, height: 8, frameCount: 1, getFrame: async () => ({ width: 8, height: 8, data: new Uint8Array(256) }) };
    const image = await source.getFrame();
    await expect(paperHeadSlot(new ClassicTracker(source), async () => Promise.reject(new Error('not reached'))).matteObjects(image, 0, [1], 'preview')).rejects.toThrow(
      /^SAM2Matting \(paper\) needs the SAM 2\.1 tracker's own features; this clip runs Classic/,
    );
    const unused = async () => Promise.reject(new Error('unused'));
    const sam2Like = { name: 'SAM 2.1 Tiny', imageFeatures: unused, encodeImage: unused, lowResLogits: () => undefined, getResult: () => undefined };
    await expect(paperHeadSlot(sam2Like, undefined).matteObjects(image, 0, [1], 'preview')).rejects.toThrow(/runs through the app's model manager/);
  });
});

/** Share of pixels strictly between 0 and 255. */
function softShare(alpha: GrayImage): number {
  let soft = 0;
  for (const v of alpha.data) if (v > 0 && v < 255) soft++;
  return soft / alpha.data.length;
}
