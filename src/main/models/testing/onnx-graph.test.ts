import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxGraph } from './onnx-graph';

describe('OnnxGraph', () => {
  it('writes a graph with symbolic dims that onnxruntime loads, describes and runs', async () => {
    const g = new OnnxGraph();
    const x = g.input({ name: 'x', type: 'float32', dims: ['B', 3] });
    const flags = g.input({ name: 'flags', type: 'int32', dims: ['B'] });
    const shifted = g.op('Add', [x, g.constant('float32', [3], [10, 20, 30])]);
    g.output({ name: 'shifted', type: 'float32', dims: ['B', 3] }, shifted);
    g.output({ name: 'row_mean', type: 'float32', dims: ['B', 1] }, g.op('ReduceMean', [x], { axes: [1], keepdims: 1 }));
    g.output({ name: 'flags_f', type: 'float32', dims: ['B'] }, g.cast(flags, 'float32'));

    const session = await InferenceSession.create(g.toBytes());
    expect(session.inputMetadata).toEqual([
      { name: 'x', isTensor: true, type: 'float32', shape: ['B', 3] },
      { name: 'flags', isTensor: true, type: 'int32', shape: ['B'] },
    ]);
    expect(session.outputNames).toEqual(['shifted', 'row_mean', 'flags_f']);

    const out = await session.run({
      x: new Tensor('float32', Float32Array.of(1, 2, 3, 4, 5, 6), [2, 3]),
      flags: new Tensor('int32', Int32Array.of(7, -1), [2]),
    });
    expect(Array.from(out.shifted.data as Float32Array)).toEqual([11, 22, 33, 14, 25, 36]);
    expect(Array.from(out.row_mean.data as Float32Array)).toEqual([2, 5]);
    expect(Array.from(out.flags_f.data as Float32Array)).toEqual([7, -1]);
    await session.release();
  });

  it('stores int64 and bool constants and string attributes', async () => {
    const g = new OnnxGraph();
    const x = g.input({ name: 'x', type: 'float32', dims: [1, 1, 2, 2] });
    const big = g.op('Resize', [x, '', g.constant('float32', [4], [1, 1, 2, 2])], { mode: 'nearest' });
    g.output({ name: 'flat', type: 'float32', dims: [4, 4] }, g.op('Reshape', [big, g.constant('int64', [2], [4, 4])]));
    const keep = g.constant('bool', [2], [1, 0]);
    g.output({ name: 'kept', type: 'float32', dims: [2] }, g.op('Where', [keep, g.constant('float32', [2], [1, 2]), g.constant('float32', [2], [3, 4])]));

    const session = await InferenceSession.create(g.toBytes());
    const out = await session.run({ x: new Tensor('float32', Float32Array.of(1, 2, 3, 4), [1, 1, 2, 2]) });
    expect(out.flat.dims).toEqual([4, 4]);
    expect(Array.from(out.flat.data as Float32Array).slice(0, 8)).toEqual([1, 1, 2, 2, 1, 1, 2, 2]);
    expect(Array.from(out.kept.data as Float32Array)).toEqual([1, 4]);
    await session.release();
  });

  it('refuses a constant whose values do not fill its dims', () => {
    expect(() => new OnnxGraph().constant('float32', [2, 2], [1, 2, 3])).toThrow('constant of dims [2,2] needs 4 values, got 3');
  });
});
