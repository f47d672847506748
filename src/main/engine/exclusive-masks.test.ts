import { describe, expect, it } from 'vitest';
import type { FrameRange } from '../../shared/common/frame-range';
import type { PropagateRequest, TrackResult, Tracker } from '../../shared/engine';
import type { ObjectId, Prompt } from '../../shared/prompts';
import { ExclusiveMasks, exclusiveMask } from './exclusive-masks';

const gray = (values: number[]) => ({ width: values.length, height: 1, data: Uint8Array.from(values) });

describe('exclusiveMask', () => {
  it('keeps a pixel for the most likely object only, ties to the earlier one', () => {
    const a = gray([200, 100, 0, 150, 90]);
    const b = gray([100, 200, 0, 150, 0]);
    expect(Array.from(exclusiveMask([a, b], 0).data)).toEqual([200, 0, 0, 150, 90]);
    expect(Array.from(exclusiveMask([a, b], 1).data)).toEqual([0, 200, 0, 0, 0]);
  });

  it('leaves the input masks as they are, and ignores masks of another size', () => {
    const a = gray([100, 100]);
    expect(Array.from(exclusiveMask([a, gray([255, 255, 255])], 0).data)).toEqual([100, 100]);
    exclusiveMask([gray([255, 0]), a], 1);
    expect(Array.from(a.data)).toEqual([100, 100]);
  });
});

/** A tracker holding fixed results for frame 0. */
function fixedTracker(masks: Record<ObjectId, number[]>): Tracker {
  const result = (objectId: ObjectId): TrackResult | undefined =>
    masks[objectId] && { objectId, frame: 0, mask: gray(masks[objectId]), score: 1, present: masks[objectId].some((v) => v >= 128), source: 'prompt' };
  return {
    name: 'fixed',
    setPrompts: async (objectId: ObjectId, _frame: number, _prompts: Prompt[]) => result(objectId) ?? null,
    propagate: (_request: PropagateRequest) => (async function* () {})(),
    getResult: (objectId: ObjectId) => result(objectId),
    clearObject: () => {},
    saveFrames: (objectId: ObjectId, range: FrameRange) => ({ objectId, range }),
    restoreFrames: () => {},
    reset: () => {},
  };
}

describe('ExclusiveMasks', () => {
  const inner = fixedTracker({ 1: [255, 200, 0], 2: [0, 220, 255], 3: [0, 0, 0] });

  it('makes results exclusive while on, across the objects it is told compete', async () => {
    let on = true;
    const tracker = new ExclusiveMasks(inner, () => (on ? [1, 2, 3] : null));
    expect(Array.from(tracker.getResult(1, 0)!.mask.data)).toEqual([255, 0, 0]);
    expect(Array.from((await tracker.setPrompts(2, 0, []))!.mask.data)).toEqual([0, 220, 255]);
    on = false;
    expect(Array.from(tracker.getResult(1, 0)!.mask.data)).toEqual([255, 200, 0]);
    expect(tracker.name).toBe('fixed');
  });

  it("reads no tracker's mask until the exclusive mask is read, and leaves the tracker's measure behind", () => {
    let unpacked = 0;
    const lazy = Object.assign(fixedTracker({}), {
      getResult: (objectId: ObjectId): TrackResult => ({
        objectId,
        frame: 0,
        get mask() {
          unpacked++;
          return gray(objectId === 1 ? [255, 200, 0] : [0, 220, 255]);
        },
        score: 1,
        present: true,
        source: 'propagated',
        coverage: { width: 3, height: 1, pixels: 2, x: 1, y: 0.5 },
      }),
    });
    const result = new ExclusiveMasks(lazy, () => [1, 2]).getResult(1, 0)!;
    expect(result).toMatchObject({ objectId: 1, score: 1, present: true, source: 'propagated' });
    expect(result.coverage).toBeUndefined();
    expect(unpacked).toBe(0);
    expect(Array.from(result.mask.data)).toEqual([255, 0, 0]);
    expect(unpacked).toBeGreaterThan(0);
  });

  it('leaves objects outside the competition, and absent ones, as tracked', () => {
    const tracker = new ExclusiveMasks(inner, () => [2]);
    expect(Array.from(tracker.getResult(1, 0)!.mask.data)).toEqual([255, 200, 0]);
    expect(tracker.getResult(3, 0)!.present).toBe(false);
    expect(tracker.getResult(4, 0)).toBeUndefined();
  });

  it("offers the inner tracker's features, encoder and low-res logits (for the paper's head), the logits exclusive as SAM2 clamps them", async () => {
    const logits: Record<ObjectId, number[]> = { 1: [5, 3, -4], 2: [-6, 4, 3] };
    const features = { grid: 1 } as never;
    const sam2Like = Object.assign(fixedTracker({ 1: [255, 200, 0], 2: [0, 220, 255] }), {
      imageFeatures: async () => features,
      encodeImage: async (input: Float32Array) => ({ grid: 1, input }) as never,
      lowResLogits: (objectId: ObjectId) => logits[objectId] && { width: 3, height: 1, data: Float32Array.from(logits[objectId]) },
    });
    let on = true;
    const tracker = new ExclusiveMasks(sam2Like, () => (on ? [1, 2] : null));
    expect(await tracker.imageFeatures!(0)).toBe(features);
    const tile = new Float32Array(3);
    expect(await tracker.encodeImage!(tile)).toMatchObject({ input: tile });
    expect(Array.from(tracker.lowResLogits!(1, 0)!.data)).toEqual([5, -10, -10]);
    expect(Array.from(tracker.lowResLogits!(2, 0)!.data)).toEqual([-10, 4, 3]);
    on = false;
    expect(Array.from(tracker.lowResLogits!(1, 0)!.data)).toEqual([5, 3, -4]);
    // A competitor's logits gone from the cache: none, so the reader recovers them from the exclusive mask.
    on = true;
    delete logits[2];
    expect(tracker.lowResLogits!(1, 0)).toBeUndefined();
    // A tracker without them offers neither.
    expect(new ExclusiveMasks(inner, () => null).lowResLogits).toBeUndefined();
  });
});
