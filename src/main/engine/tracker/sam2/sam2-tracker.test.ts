import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TrackResult } from '../../../../shared/engine';
import type { ModelSpec } from '../../../../shared/models';
import { loadManifest } from '../../../models/manifest';
import { doubleModelSpec, writeDoubleModel } from '../../../models/testing/sam2-double-model';
import { IOU_BASE, SMALL } from '../../../models/testing/sam2-doubles';
import { DOUBLE_CONSTANTS, JOINED_MEMORY_ATTENTION, joinedMemoryAttentionDouble, SMALL_MEM_CHANNELS } from '../../../models/testing/sam2-memory-doubles';
import { measureMask } from '../../drift';
import { cosineSimilarity, motionCompensatedIoU } from '../../mask-continuity';
import { InProcessRunner } from '../../../inference/in-process-runner';
import type { HostTensor } from '../../../inference/module-runner';
import { createSam2Tracker } from './open-sam2-tracker';
import { RecordingRunner, type RecordedCall } from './testing/recording-runner';
import { markerFeature, objectCorner, syntheticClip, type SyntheticClipOptions } from './testing/synthetic-clip';

const Cm = SMALL_MEM_CHANNELS;
const HW = SMALL.grid * SMALL.grid;
const TOKENS_PER_POINTER = SMALL.channels / Cm;
const CLIP: SyntheticClipOptions = { size: SMALL.image, frameCount: 40, object: 16, cell: SMALL.image / SMALL.grid, blackFrames: [30] };

let dir: string;
let model: ModelSpec;
let runner: InProcessRunner;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2-tracker-'));
  model = doubleModelSpec((await loadManifest()).models.find((m) => m.id === 'sam2.1-hiera-tiny')!);
  await writeDoubleModel(model, dir);
  runner = await InProcessRunner.open(model, dir, ['cpu']);
});

afterAll(async () => {
  await runner.close();
  await rm(dir, { recursive: true, force: true });
});

async function setup(options: Partial<SyntheticClipOptions> = {}, featureCacheMB?: number) {
  const clip = syntheticClip({ ...CLIP, ...options });
  const recorder = new RecordingRunner(runner);
  // float32 memories: the doubles tell frames apart by memory values finer than bfloat16 keeps.
  const tracker = await createSam2Tracker(recorder, model, clip, { featureCacheMB, memoryPrecision: 'float32' });
  recorder.clear();
  return { clip, recorder, tracker };
}

const floats = (t: HostTensor) => t.data as Float32Array;
/** A click in the middle of the object on frame f. */
const clickOn = (frame: number, positive = true) => {
  const { x, y } = objectCorner(frame, CLIP);
  return { kind: 'point' as const, x: x + CLIP.object / 2, y: y + CLIP.object / 2, positive };
};

/** The frame whose marker is nearest `value` (memories of absent frames carry no_obj_embed_spatial on top). */
function frameOfMarker(value: number): { frame: number; absent: boolean } {
  const absent = value > DOUBLE_CONSTANTS.noObjEmbedSpatial / 2;
  const v = absent ? value - DOUBLE_CONSTANTS.noObjEmbedSpatial : value;
  let best = 0;
  for (let f = 1; f < CLIP.frameCount; f++) if (Math.abs(markerFeature(f) - v) < Math.abs(markerFeature(best) - v)) best = f;
  return { frame: best, absent };
}

/** Which frame a memory-attention call was for: row 0 of curr is the current frame's marker cell. */
const frameOfCall = (call: RecordedCall) => frameOfMarker(floats(call.inputs.curr)[0]).frame;

/** Each spatial memory fed: its source frame and its maskmem_tpos_enc row. */
function spatialMemories(call: RecordedCall) {
  const rows = floats(call.inputs.memory_spatial);
  const pos = floats(call.inputs.memory_spatial_pos);
  return Array.from({ length: rows.length / (HW * Cm) }, (_, b) => ({
    ...frameOfMarker(rows[b * HW * Cm]),
    tpos: Math.round((pos[b * HW * Cm] - DOUBLE_CONSTANTS.memPosEnc) / DOUBLE_CONSTANTS.tposStep) - 1,
  }));
}

/** Each pointer's temporal position: the tpos-proj double keeps sin(position / tDiffMax) in column 0. */
function pointerPositions(call: RecordedCall, tDiffMax: number): number[] {
  const pos = floats(call.inputs.memory_pointers_pos);
  const count = call.inputs.memory_pointers.dims[0] / TOKENS_PER_POINTER;
  return Array.from({ length: count }, (_, p) => Math.round(Math.asin(pos[p * TOKENS_PER_POINTER * Cm]) * tDiffMax));
}

async function collect(results: AsyncIterable<TrackResult>): Promise<TrackResult[]> {
  const out: TrackResult[] = [];
  for await (const r of results) out.push(r);
  return out;
}

describe('Sam2Tracker on generated graphs: prompts', () => {
  it('a first prompt skips memory attention and decodes the feature plus no_mem_embed', async () => {
    const { recorder, tracker } = await setup();
    const result = await tracker.setPrompts(1, 0, [clickOn(0)]);
    expect(recorder.of('memory_attention')).toEqual([]);
    const features = await recorder.of('image_encoder');
    expect(features).toHaveLength(1);
    const embeddings = floats(recorder.of('mask_decoder')[0].inputs.image_embeddings);
    expect(embeddings[0]).toBeCloseTo(markerFeature(0) + DOUBLE_CONSTANTS.noMemEmbed, 5);
    expect(result).toMatchObject({ objectId: 1, frame: 0, present: true, source: 'prompt' });
    // The mask covers the object (bottom half, right of the marker column) and nothing of the grey background.
    const { mask } = result!;
    expect(mask.data[(CLIP.size - 4) * CLIP.size + 16]).toBeGreaterThanOrEqual(128);
    expect(mask.data[4 * CLIP.size + 16]).toBeLessThan(128);
  });

  it('picks the best predicted IoU of the three multimask tokens on a single click, token 0 for two clicks', async () => {
    const { recorder, tracker } = await setup();
    const one = await tracker.setPrompts(1, 0, [clickOn(0)]);
    const sparseMean = (call: RecordedCall) => floats(call.inputs.sparse).reduce((a, b) => a + b, 0) / floats(call.inputs.sparse).length;
    expect(one!.score).toBeCloseTo(IOU_BASE[1] + sparseMean(recorder.of('mask_decoder')[0]), 5);
    recorder.clear();
    const two = await tracker.setPrompts(1, 0, [clickOn(0), clickOn(0, false)]);
    expect(two!.score).toBeCloseTo(IOU_BASE[0] + sparseMean(recorder.of('mask_decoder')[0]), 5);
  });

  it('uses a mask given alone as the output with IoU 1, and decodes the raw feature with it for the pointer', async () => {
    const { recorder, tracker } = await setup();
    const data = new Uint8Array(CLIP.size * CLIP.size);
    for (let y = 16; y < 32; y++) data.fill(255, y * CLIP.size + 8, y * CLIP.size + 24);
    const result = await tracker.setPrompts(1, 3, [{ kind: 'mask', width: CLIP.size, height: CLIP.size, data }]);
    expect(result).toMatchObject({ score: 1, present: true, objectScore: 10 });
    // SAM2 keeps the mask as low-res logits (antialiased ×20 − 10): the shown mask is the given one up to its edge.
    const shown = result!.mask.data;
    expect([shown[24 * CLIP.size + 16], shown[8 * CLIP.size + 40]]).toEqual([255, 0]);
    let inter = 0;
    let union = 0;
    for (let i = 0; i < data.length; i++) {
      if (shown[i] >= 128 && data[i]) inter++;
      if (shown[i] >= 128 || data[i]) union++;
    }
    expect(inter / union).toBeGreaterThan(0.75);
    const prompt = recorder.of('prompt_encoder')[0].inputs;
    expect(Array.from(prompt.mask_enable.data as Int32Array)).toEqual([1]);
    expect(floats(recorder.of('mask_decoder')[0].inputs.image_embeddings)[0]).toBeCloseTo(markerFeature(3), 5);
  });
});

describe('Sam2Tracker on generated graphs: mask given alone, object unseen by the decoder', () => {
  it('keeps the mask present but stores no_obj_ptr when the decoder scores the object absent', async () => {
    const { recorder, tracker } = await setup();
    const data = new Uint8Array(CLIP.size * CLIP.size).fill(255, 20 * CLIP.size, 28 * CLIP.size);
    const result = await tracker.setPrompts(1, 30, [{ kind: 'mask', width: CLIP.size, height: CLIP.size, data }]);
    expect(result).toMatchObject({ present: true, score: 1 });
    await collect(tracker.propagate({ direction: 'forward', range: { start: 0, end: 31 } }));
    const at31 = recorder.of('memory_attention').find((c) => frameOfCall(c) === 31)!;
    const condPointer = floats(at31.inputs.memory_pointers).slice(0, TOKENS_PER_POINTER * Cm);
    expect(Array.from(condPointer)).toEqual(new Array(SMALL.channels).fill(DOUBLE_CONSTANTS.noObjPtr));
  });
});

describe('Sam2Tracker on generated graphs: memory rules', () => {
  it('attends to every conditioning frame (row 6) and the six previous tracked frames (rows 5..0, oldest first)', async () => {
    const { recorder, tracker } = await setup();
    await tracker.setPrompts(1, 0, [clickOn(0)]);
    await tracker.setPrompts(1, 12, [clickOn(12)]);
    await collect(tracker.propagate({ direction: 'forward', range: { start: 0, end: 10 } }));
    const calls = recorder.of('memory_attention');
    expect(calls.map(frameOfCall)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const at10 = spatialMemories(calls[9]);
    expect(at10).toEqual([
      { frame: 0, absent: false, tpos: 6 },
      { frame: 12, absent: false, tpos: 6 },
      ...[4, 5, 6, 7, 8, 9].map((frame, i) => ({ frame, absent: false, tpos: 5 - i })),
    ]);
    // Frame 1 has only the conditioning frames and frame 0 is one of them, not a tracked memory.
    expect(spatialMemories(calls[0]).map((m) => m.frame)).toEqual([0, 12]);
  });

  it('in reverse attends to the six following frames', async () => {
    const { recorder, tracker } = await setup();
    await tracker.setPrompts(1, 20, [clickOn(20)]);
    await collect(tracker.propagate({ direction: 'backward', range: { start: 10, end: CLIP.frameCount - 1 } }));
    const calls = recorder.of('memory_attention');
    expect(calls.map(frameOfCall)).toEqual([19, 18, 17, 16, 15, 14, 13, 12, 11, 10]);
    expect(spatialMemories(calls[9])).toEqual([{ frame: 20, absent: false, tpos: 6 }, ...[16, 15, 14, 13, 12, 11].map((frame, i) => ({ frame, absent: false, tpos: 5 - i }))]);
  });

  it('feeds past conditioning pointers first, then at most 15 tracked frames back, C/Cm tokens each', async () => {
    const { recorder, tracker } = await setup();
    await tracker.setPrompts(1, 2, [clickOn(2)]);
    await tracker.setPrompts(1, 25, [clickOn(25)]);
    await collect(tracker.propagate({ direction: 'forward', range: { start: 0, end: 22 } }));
    const at22 = recorder.of('memory_attention').find((c) => frameOfCall(c) === 22)!;
    // max pointers = min(40 frames, 16) ⇒ positions divided by 15; frame 25 is in the future, so no pointer.
    expect(pointerPositions(at22, 15)).toEqual([20, ...Array.from({ length: 15 }, (_, i) => i + 1)]);
    expect(at22.inputs.memory_pointers.dims).toEqual([16 * TOKENS_PER_POINTER, 1, Cm]);
    expect(at22.inputs.mask_pointers.dims).toEqual([16 * TOKENS_PER_POINTER, 1]);
    const at5 = recorder.of('memory_attention').find((c) => frameOfCall(c) === 5)!;
    expect(pointerPositions(at5, 15)).toEqual([3, 1, 2]);
  });

  it('reports a lost object with an empty mask, then feeds no_obj_ptr and no_obj_embed_spatial for that frame', async () => {
    const { recorder, tracker } = await setup();
    await tracker.setPrompts(1, 26, [clickOn(26)]);
    const results = await collect(tracker.propagate({ direction: 'forward', range: { start: 0, end: 32 } }));
    const lost = results.find((r) => r.frame === 30)!;
    expect(lost).toMatchObject({ present: false, source: 'propagated' });
    expect(lost.objectScore).toBeLessThanOrEqual(0);
    expect(lost.mask.data.every((v) => v === 0)).toBe(true);
    expect(results.filter((r) => r.frame !== 30).every((r) => r.present)).toBe(true);

    const at31 = recorder.of('memory_attention').find((c) => frameOfCall(c) === 31)!;
    expect(spatialMemories(at31).find((m) => m.frame === 30)).toEqual({ frame: 30, absent: true, tpos: 0 });
    const pointers = floats(at31.inputs.memory_pointers);
    // Pointer of frame 30 (position 1) is the second pointer, after the conditioning frame's.
    const lostPointer = pointers.slice(TOKENS_PER_POINTER * Cm, 2 * TOKENS_PER_POINTER * Cm);
    expect(Array.from(lostPointer)).toEqual(new Array(SMALL.channels).fill(DOUBLE_CONSTANTS.noObjPtr));
  });
});

describe('Sam2Tracker on generated graphs: propagation', () => {
  it('computes each frame once for several objects, streams in order both ways and fetches the next frame ahead', async () => {
    const { clip, recorder, tracker } = await setup();
    await tracker.setPrompts(1, 10, [clickOn(10)]);
    await tracker.setPrompts(2, 10, [{ kind: 'box', x0: 8, y0: 16, x1: 30, y1: 31 }]);
    const results = await collect(tracker.propagate({ direction: 'both', range: { start: 6, end: 14 } }));
    expect(results.map((r) => `${r.objectId}@${r.frame}`)).toEqual([
      '1@10',
      '2@10',
      '1@11',
      '2@11',
      '1@12',
      '2@12',
      '1@13',
      '2@13',
      '1@14',
      '2@14',
      '1@9',
      '2@9',
      '1@8',
      '2@8',
      '1@7',
      '2@7',
      '1@6',
      '2@6',
    ]);
    expect(recorder.of('image_encoder')).toHaveLength(9);
    // Frame 15 was fetched ahead while frame 14 ran; frame 5 while frame 6 ran.
    expect(clip.decoded).toContain(15);
    expect(clip.decoded).toContain(5);
    expect(tracker.getResult(2, 12)).toEqual(results.find((r) => r.objectId === 2 && r.frame === 12));
    // What the drift strip reads without unpacking each stored mask is that mask's own measure.
    for (const r of results) expect(tracker.getResult(r.objectId, r.frame)!.coverage).toEqual(measureMask(structuredClone(r.mask)));
  });

  it('measures each tracked frame against the frame it was tracked from: the mask after motion and the object pointer', async () => {
    const { recorder, tracker } = await setup();
    await tracker.setPrompts(1, 10, [clickOn(10)]);
    const results = await collect(tracker.propagate({ direction: 'both', range: { start: 7, end: 13 } }));
    const byFrame = new Map(results.map((r) => [r.frame, r]));
    expect(byFrame.get(10)!.continuity).toBeUndefined();
    for (const r of results.filter((r) => r.frame !== 10)) {
      const from = r.frame > 10 ? r.frame - 1 : r.frame + 1;
      expect(r.continuity).toMatchObject({ from, shapeIoU: motionCompensatedIoU(byFrame.get(from)!.mask, r.mask) });
      expect(tracker.getResult(1, r.frame)!.continuity).toEqual(r.continuity);
    }
    // Frame 12 attends to frame 10's pointer (the conditioning frame's) first, then to frame 11's.
    const pointers = floats(recorder.of('memory_attention').find((c) => frameOfCall(c) === 12)!.inputs.memory_pointers);
    const width = TOKENS_PER_POINTER * Cm;
    expect(byFrame.get(11)!.continuity!.pointerSimilarity).toBeCloseTo(cosineSimilarity(pointers.slice(0, width), pointers.slice(width, 2 * width)), 5);
  });

  it('shares features between objects through the cache: without room in it each object encodes the frame again', async () => {
    // Without the cache: frames 1..4 once per object, and frame 0 again per object to encode its prompted memory.
    for (const [cacheMB, encodes] of [
      [undefined, 4],
      [0, 4 * 2 + 2],
    ] as const) {
      const { recorder, tracker } = await setup({}, cacheMB);
      await tracker.setPrompts(1, 0, [clickOn(0)]);
      await tracker.setPrompts(2, 0, [clickOn(0)]);
      recorder.clear();
      await collect(tracker.propagate({ direction: 'forward', range: { start: 0, end: 4 } }));
      expect(recorder.of('image_encoder'), `cache ${cacheMB ?? 'default'} MB`).toHaveLength(encodes);
    }
  });

  it('stops with an AbortError when cancelled', async () => {
    const { tracker } = await setup();
    await tracker.setPrompts(1, 0, [clickOn(0)]);
    const controller = new AbortController();
    const seen: number[] = [];
    const run = (async () => {
      for await (const r of tracker.propagate({ direction: 'forward' }, controller.signal)) {
        seen.push(r.frame);
        if (r.frame === 3) controller.abort();
      }
    })();
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual([0, 1, 2, 3]);
  });
});

describe('Sam2Tracker on generated graphs: corrections', () => {
  it('re-runs exactly the influenced range after a correction; frames outside stay byte-identical', async () => {
    const { recorder, tracker } = await setup({ blackFrames: [] });
    await tracker.setPrompts(1, 0, [clickOn(0)]);
    await tracker.setPrompts(1, 25, [clickOn(25)]);
    await collect(tracker.propagate({ direction: 'forward' }));
    const before = new Map(Array.from({ length: CLIP.frameCount }, (_, f) => [f, tracker.getResult(1, f)!]));

    recorder.clear();
    // A correction on tracked frame 15: a wider mask (mask + click) than the tracked one.
    const wide = new Uint8Array(CLIP.size * CLIP.size);
    for (let y = 8; y < 32; y++) wide.fill(255, y * CLIP.size + 8, y * CLIP.size + 32);
    const corrected = await tracker.setPrompts(1, 15, [{ kind: 'mask', width: CLIP.size, height: CLIP.size, data: wide }, clickOn(15)]);
    expect(corrected!.source).toBe('prompt');
    // A correction attends to memory (frame 15 had been tracked) and feeds the earlier mask only via its own mask prompt.
    expect(recorder.of('memory_attention').map(frameOfCall)).toEqual([15]);

    recorder.clear();
    const rerun = await collect(tracker.propagate({ startFrame: 15, direction: 'both', correction: true }));
    expect(rerun.map((r) => r.frame)).toEqual([15, ...Array.from({ length: 9 }, (_, i) => 16 + i), ...Array.from({ length: 14 }, (_, i) => 14 - i)]);
    // As in SAM2 (clear_non_cond_mem_around_input off), frame 16 attends to the conditioning frames and
    // to the tracked frames before it (15 is now a keyframe).
    const at16 = recorder.of('memory_attention').find((c) => frameOfCall(c) === 16)!;
    expect(spatialMemories(at16).map((m) => m.frame)).toEqual([0, 15, 25, 10, 11, 12, 13, 14]);

    for (let f = 0; f < CLIP.frameCount; f++) {
      const after = tracker.getResult(1, f)!;
      const inside = f >= 1 && f <= 24 && f !== 15;
      if (inside) expect(after.mask.data, `frame ${f}`).not.toEqual(before.get(f)!.mask.data);
      else if (f !== 15) expect(after, `frame ${f}`).toEqual(before.get(f));
    }
  });
});

describe('Sam2Tracker on generated graphs: corrections by click', () => {
  it("feeds the frame's earlier mask, clamped, as the mask prompt of a click correction", async () => {
    const { recorder, tracker } = await setup({ blackFrames: [] });
    await tracker.setPrompts(1, 0, [clickOn(0)]);
    await collect(tracker.propagate({ direction: 'forward', range: { start: 0, end: 6 } }));
    const earlier = tracker.getResult(1, 5)!;
    recorder.clear();
    await tracker.setPrompts(1, 5, [clickOn(5, false)]);
    const prompt = recorder.of('prompt_encoder')[0].inputs;
    expect(Array.from(prompt.mask_enable.data as Int32Array)).toEqual([1]);
    const logits = floats(prompt.mask_prompt);
    // Low-res pixel (12, 8) lies inside the earlier mask, (1, 8) outside it; both within the ±32 clamp.
    const lowRes = 4 * SMALL.grid;
    expect(earlier.mask.data[25 * CLIP.size + 17]).toBeGreaterThanOrEqual(128);
    expect(logits[12 * lowRes + 8]).toBeGreaterThan(0);
    expect(logits[1 * lowRes + 8]).toBeLessThan(0);
    expect(logits.every((v) => Math.abs(v) <= 32)).toBe(true);
  });
});

describe('Sam2Tracker on generated graphs: joined memory-attention layout', () => {
  it('feeds spatial and pointer rows in one tensor with the pointer-token count', async () => {
    const joined = doubleModelSpec((await loadManifest()).models[0], { memory_attention: JOINED_MEMORY_ATTENTION });
    const joinedDir = join(dir, 'joined');
    await writeDoubleModel(joined, joinedDir, { memory_attention: joinedMemoryAttentionDouble });
    const recorder = new RecordingRunner(await InProcessRunner.open(joined, joinedDir, ['cpu']));
    const tracker = await createSam2Tracker(recorder, joined, syntheticClip(CLIP));
    await tracker.setPrompts(1, 0, [clickOn(0)]);
    const results = await collect(tracker.propagate({ direction: 'forward', range: { start: 0, end: 3 } }));
    expect(results.map((r) => r.present)).toEqual([true, true, true, true]);
    const at3 = recorder.of('memory_attention').at(-1)!.inputs;
    // Frame 3: conditioning frame 0 and tracked frames 1, 2 ⇒ 3 spatial memories; pointers of 0, 2, 1 ⇒ 3 × C/Cm tokens.
    expect(at3.memory.dims).toEqual([3 * HW + 3 * TOKENS_PER_POINTER, 1, Cm]);
    expect(at3.num_pointer_tokens).toEqual({ type: 'int64', dims: [], data: BigInt64Array.of(BigInt(3 * TOKENS_PER_POINTER)) });
    await tracker.close();
  });
});
