import { describe, expect, it } from 'vitest';
import type { TensorSpec } from '../../shared/models';
import { inputProblems } from './input-check';

const spec: Record<string, TensorSpec> = {
  coords: { name: 'coords', type: 'float32', dims: ['B', 'N', 2] },
  enable: { name: 'masks_enable', type: 'int32', dims: [1] },
};

describe('inputProblems', () => {
  it('accepts tensors whose fixed dims and types match, free dims any size', () => {
    const inputs = {
      coords: { type: 'float32' as const, dims: [1, 3, 2], data: new Float32Array(6) },
      enable: { type: 'int32' as const, dims: [1], data: new Int32Array(1) },
    };
    expect(inputProblems(spec, inputs)).toEqual([]);
  });

  it('names a missing role, a wrong type, a wrong fixed dim, a short buffer and an unknown role', () => {
    const problems = inputProblems(spec, {
      coords: { type: 'float32', dims: [1, 3, 3], data: new Float32Array(9) },
      extra: { type: 'int32', dims: [1], data: new Int32Array(1) },
    });
    expect(problems).toEqual([
      'input role "coords": expected coords float32 [B,N,2], given float32 [1,3,3] with 9 values',
      'input role "enable" (masks_enable int32 [1]) was not given',
      'input role "extra" is not an input of this module',
    ]);
    const wrongType = inputProblems({ enable: spec.enable }, { enable: { type: 'float32', dims: [1], data: new Float32Array(2) } });
    expect(wrongType).toEqual(['input role "enable": expected masks_enable int32 [1], given float32 [1] with 2 values']);
  });
});
