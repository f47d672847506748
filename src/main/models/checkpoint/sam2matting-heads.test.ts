import { readFile } from 'node:fs/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { readCheckpointTensors, type FloatTensor } from './torch-checkpoint';
import { sharedFile, SHARED_DATA_TAG } from '../../../testing/paths';
import { foldSam2MattingHeads, headTensorShapes, readSam2MattingHeads } from './sam2matting-heads';

const TWIN = sharedFile('sam2matting-heads-twin', 'sam2matting_twin.pt');
let tensors: Map<string, FloatTensor>;

beforeAll(async () => {
  tensors = await readCheckpointTensors(TWIN, [...headTensorShapes().keys()]);
});

const withTensor = (name: string, tensor: FloatTensor | undefined) => {
  const copy = new Map(tensors);
  if (tensor) copy.set(name, tensor);
  else copy.delete(name);
  return copy;
};

describe('SAM2Matting heads', { tags: [SHARED_DATA_TAG] }, () => {
  it("names every tensor of the twin's heads with its shape, and their parameters add up", async () => {
    const twin = JSON.parse(await readFile(sharedFile('sam2matting-heads-twin', 'heads_twin.json'), 'utf8')) as { head_tensors: Record<string, number[]>; head_parameters: number };
    const expected = Object.entries(twin.head_tensors).filter(([name]) => !name.endsWith('num_batches_tracked'));
    expect(new Map(expected)).toEqual(headTensorShapes());
    const parameters = expected.filter(([name]) => !name.includes('running_')).reduce((n, [, dims]) => n + dims.reduce((a, b) => a * b, 1), 0);
    expect(parameters).toBe(twin.head_parameters);
  });

  it('folds each BatchNorm into its convolution', () => {
    const heads = foldSam2MattingHeads(tensors, 'twin');
    const [first] = heads.unknown_fusion;
    const get = (name: string) => tensors.get(`unknown_fusion.${name}`)!.data;
    const scale = get('1.weight')[5] / Math.sqrt(get('1.running_var')[5] + 1e-5);
    expect(first.weight.data[5 * 192 * 9 + 7]).toBeCloseTo(get('0.weight')[5 * 192 * 9 + 7] * scale, 6);
    expect(first.bias[5]).toBeCloseTo((get('0.bias')[5] - get('1.running_mean')[5]) * scale + get('1.bias')[5], 6);
    // The last 1×1 convolution has no BatchNorm: kept as it is.
    expect(heads.unknown_fusion[2].weight.data).toEqual(get('6.weight'));
    expect(heads.alpha_pred3.map((c) => [c.name, c.relu])).toEqual([
      ['alpha_pred3.0', true],
      ['alpha_pred3.3', false],
    ]);
  });

  it('names a tensor that is missing, of the wrong shape or not finite', () => {
    expect(() => foldSam2MattingHeads(withTensor('alpha_pred2.1.running_var', undefined), 'x.pt')).toThrow(
      'x.pt lacks the SAM2Matting head tensor alpha_pred2.1.running_var: is it a SAM2Matting checkpoint?',
    );
    const wrong = { dims: [64, 36, 3, 3], data: new Float32Array(64 * 36 * 9) };
    expect(() => foldSam2MattingHeads(withTensor('unknown_region_predictor.scale_64.0.weight', wrong), 'x.pt')).toThrow(
      'x.pt: unknown_region_predictor.scale_64.0.weight has shape [64,36,3,3], expected [128,36,3,3]',
    );
    const nan = { dims: [32], data: new Float32Array(32).fill(Number.NaN) };
    expect(() => foldSam2MattingHeads(withTensor('alpha_pred1.1.bias', nan), 'x.pt')).toThrow('x.pt: alpha_pred1.1.bias holds values that are not finite numbers');
    const negative = { dims: [32], data: new Float32Array(32).fill(-1) };
    expect(() => foldSam2MattingHeads(withTensor('alpha_pred1.1.running_var', negative), 'x.pt')).toThrow('x.pt: alpha_pred1.1.running_var holds a negative variance');
  });

  it('says a SAM 2.1 checkpoint holds no matting heads', async () => {
    await expect(readSam2MattingHeads(sharedFile('sam2-twin', 'slim', 'sam2.1_hiera_tiny_twin.pt'))).rejects.toThrow(
      /^sam2\.1_hiera_tiny_twin\.pt lacks the SAM2Matting head tensors unknown_region_predictor\.scale_64\.0\.weight, .* and 118 more: is it a SAM2Matting checkpoint\? \(SAM 2\.1's hold no matting heads\)$/,
    );
  });
});
