import type { InferenceSession } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import type { ModuleSpec } from '../../shared/models';
import { tensorMismatches } from './tensor-check';

const spec: ModuleSpec = {
  file: 'memory_attention.onnx',
  url: 'https://example.org/memory_attention.onnx',
  sha256: null,
  inputs: {
    curr: { name: 'curr', type: 'float32', dims: [16, 1, 8] },
    memory_spatial: { name: 'memory_1', type: 'float32', dims: ['S', 1, 4] },
    mask_spatial: { name: 'attention_mask_1', type: 'bool', dims: ['S', 1] },
  },
  outputs: { conditioned: { name: 'pix_feat', type: 'float32', dims: [16, 1, 8] } },
};

const tensor = (name: string, type: InferenceSession.TensorValueMetadata['type'], shape: (number | string)[]) => ({ name, isTensor: true, type, shape }) as const;
const graphInputs = () => [tensor('curr', 'float32', [16, 1, 8]), tensor('memory_1', 'float32', ['S', 1, 4]), tensor('attention_mask_1', 'bool', ['S', 1])];
const graphOutputs = [tensor('pix_feat', 'float32', [16, 1, 8])];

describe('tensorMismatches', () => {
  it('accepts an exact match, and free dims on either side', () => {
    expect(tensorMismatches(spec, graphInputs(), graphOutputs)).toEqual([]);
    const freer = [tensor('curr', 'float32', ['HW', 'B', 8]), tensor('memory_1', 'float32', [12, 1, 4]), tensor('attention_mask_1', 'bool', ['', 1])];
    expect(tensorMismatches(spec, freer, graphOutputs)).toEqual([]);
  });

  it('accepts a graph that declares no shape (onnxruntime reports [])', () => {
    const inputs = graphInputs();
    inputs[0] = tensor('curr', 'float32', []);
    expect(tensorMismatches(spec, inputs, graphOutputs)).toEqual([]);
  });

  it('names role, expected and found tensor for a wrong dtype, rank or fixed dim', () => {
    const inputs = [tensor('curr', 'float32', [16, 2, 8]), tensor('memory_1', 'float16', ['S', 1, 4]), tensor('attention_mask_1', 'bool', ['S'])];
    expect(tensorMismatches(spec, inputs, graphOutputs)).toEqual([
      'input role "curr": expected curr float32 [16,1,8], found curr float32 [16,2,8]',
      'input role "memory_spatial": expected memory_1 float32 [S,1,4], found memory_1 float16 [S,1,4]',
      'input role "mask_spatial": expected attention_mask_1 bool [S,1], found attention_mask_1 bool [S]',
    ]);
  });

  it('lists the graph tensors when a name is missing, and flags inputs no role feeds', () => {
    const inputs = graphInputs();
    inputs[1] = tensor('memory', 'float32', ['', 1, 4]);
    expect(tensorMismatches(spec, inputs, [{ name: 'pix_feat', isTensor: false }])).toEqual([
      'input role "memory_spatial": expected memory_1 float32 [S,1,4], but the graph has no input named memory_1 ' +
        '(graph inputs: curr float32 [16,1,8]; memory float32 [?,1,4]; attention_mask_1 bool [S,1])',
      'output role "conditioned": expected pix_feat float32 [16,1,8], found pix_feat (not a tensor)',
      'graph input memory float32 [?,1,4] has no role in the manifest',
    ]);
  });
});
