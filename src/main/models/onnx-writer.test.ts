import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { FLOAT, OnnxWriter } from './onnx-writer';

describe('OnnxWriter', () => {
  it('writes a graph with symbolic dims, initializers and attributes that onnxruntime runs', async () => {
    const g = new OnnxWriter('test');
    const x = g.input('x', ['n', 1, 'h', 'w']);
    const like = g.input('like', ['n', 1, 'h2', 'w2']);
    const shifted = g.node('Add', [x, g.constant('shift', [], Float32Array.of(10))]);
    const sizes = g.node('Concat', [g.node('Shape', [shifted], { end: 2 }), g.node('Shape', [like], { start: 2 })], { axis: 0 });
    g.output('up', g.node('Resize', [shifted, '', '', sizes], { mode: 'nearest' }), ['n', 1, 'h2', 'w2']);
    g.output('positive', g.node('Cast', [g.node('Greater', [x, g.constant('shift', [], Float32Array.of(0))])], { to: FLOAT }), ['n', 1, 'h', 'w']);

    const session = await InferenceSession.create(g.toBytes('test'));
    expect(session.inputNames).toEqual(['x', 'like']);
    expect(session.outputNames).toEqual(['up', 'positive']);
    const out = await session.run({
      x: new Tensor('float32', Float32Array.of(1, -2), [1, 1, 1, 2]),
      like: new Tensor('float32', new Float32Array(8), [1, 1, 2, 4]),
    });
    expect(out.up.dims).toEqual([1, 1, 2, 4]);
    expect([...(out.up.data as Float32Array)]).toEqual([11, 11, 8, 8, 11, 11, 8, 8]);
    expect([...(out.positive.data as Float32Array)]).toEqual([1, 0]);
    await session.release();
  });

  it('refuses a constant that does not fill its dims and a graph name used twice', () => {
    const g = new OnnxWriter('test');
    expect(() => g.constant('w', [2, 2], new Float32Array(3))).toThrow('w: dims [2,2] need 4 values, found 3');
    g.input('x', [1]);
    expect(() => g.output('x', 'x', [1])).toThrow('ONNX graph: the name x is taken');
  });
});
