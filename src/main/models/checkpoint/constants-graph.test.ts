import onnxProto from 'onnx-proto';
import { InferenceSession } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { writeConstantsGraph } from './constants-graph';

const { onnx } = onnxProto;

describe('writeConstantsGraph', () => {
  const constants = {
    a: { dims: [1, 2, 3], data: Float32Array.from({ length: 6 }, (_, i) => i / 4 - 1) },
    b: { dims: [1], data: Float32Array.of(-0.5) },
  };

  it('writes a ModelProto with one Constant node per output and no inputs', () => {
    const model = onnx.ModelProto.decode(writeConstantsGraph(constants));
    expect(Number(model.irVersion)).toBe(8);
    expect(model.opsetImport!.map((o) => [o.domain, Number(o.version)])).toEqual([['', 17]]);
    expect(model.graph!.input).toEqual([]);
    expect(model.graph!.node!.map((n) => [n.opType, n.output])).toEqual([
      ['Constant', ['a']],
      ['Constant', ['b']],
    ]);
    expect(model.graph!.output!.map((o) => [o.name, o.type!.tensorType!.shape!.dim!.map((d) => Number(d.dimValue))])).toEqual([
      ['a', [1, 2, 3]],
      ['b', [1]],
    ]);
  });

  it('runs in onnxruntime and returns the values', async () => {
    const session = await InferenceSession.create(writeConstantsGraph(constants));
    try {
      const out = await session.run({});
      expect(out.a.dims).toEqual([1, 2, 3]);
      expect(out.a.data).toEqual(constants.a.data);
      expect(out.b.data).toEqual(constants.b.data);
    } finally {
      await session.release();
    }
  });

  it('refuses values that do not fill the dims', () => {
    expect(() => writeConstantsGraph({ a: { dims: [2, 2], data: new Float32Array(3) } })).toThrow('a: dims [2,2] need 4 values, found 3');
  });
});
