import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readNpz } from '../testing/npz';
import { sharedFile, SHARED_DATA_TAG } from '../../../testing/paths';
import { buildSam2MattingHeadsGraph } from './sam2matting-heads-graph';
import { readSam2MattingHeads } from './sam2matting-heads';

const twin = (name: string) => sharedFile('sam2matting-heads-twin', name);
const INPUTS = ['backbone_fpn_0', 'backbone_fpn_1', 'backbone_fpn_2', 'image', 'mask'];

let session: InferenceSession;

beforeAll(async () => {
  session = await InferenceSession.create(buildSam2MattingHeadsGraph(await readSam2MattingHeads(twin('sam2matting_twin.pt'))));
});
afterAll(() => session?.release());

const maxAbsDiff = (a: Float32Array, b: Float32Array) => a.reduce((max, v, i) => Math.max(max, Math.abs(v - b[i])), 0);

describe('buildSam2MattingHeadsGraph', { tags: [SHARED_DATA_TAG] }, () => {
  it("has the twin's inputs and outputs", () => {
    expect(session.inputNames).toEqual(INPUTS);
    expect(session.outputNames).toEqual(['unknown_region_logits', 'trimap', 'alpha']);
  });

  // One graph for every grid: the resize targets come from the inputs' shapes.
  it.each(['grid8', 'grid16'])("matches PyTorch on the twin's %s case within 1e-4", async (grid) => {
    const arrays = await readNpz(twin(`heads_case_${grid}.npz`));
    const feeds = Object.fromEntries(INPUTS.map((name) => [name, new Tensor('float32', arrays.get(name)!.data, arrays.get(name)!.dims)]));
    const out = await session.run(feeds);
    const diffs: Record<string, number> = {};
    for (const name of ['unknown_region_logits', 'alpha']) {
      expect(out[name].dims).toEqual(arrays.get(name)!.dims);
      diffs[name] = maxAbsDiff(out[name].data as Float32Array, arrays.get(name)!.data);
    }
    // Measured: 6e-8 for both at both grids.
    expect(diffs.unknown_region_logits).toBeLessThan(1e-4);
    expect(diffs.alpha).toBeLessThan(1e-4);
    // The trimap is 0.5 in the ROI and the binary mask elsewhere, and both kinds of pixel occur.
    const trimap = out.trimap.data as Float32Array;
    const mask = arrays.get('mask')!.data;
    expect(trimap.every((t, i) => t === 0.5 || t === mask[i])).toBe(true);
    expect(new Set(trimap)).toEqual(new Set([0, 0.5, 1]));
  });
});
