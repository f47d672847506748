import { InferenceSession, Tensor } from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxWriter } from '../models/onnx-writer';
import { rotationsAsElementwise } from './rope-rewrite';

const [ROWS, PAIRS, MEMORIES] = [3, 2, 2];
const values = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 1.7 + seed));

/** The export's pattern: queries rotated by the constant, keys by the constant tiled over the memories; and a MatMul to leave alone. */
function ropeGraph(): Uint8Array {
  const g = new OnnxWriter('rope');
  const q = g.input('q', [ROWS, PAIRS, 2, 1]);
  const k = g.input('k', [MEMORIES * ROWS, PAIRS, 2, 1]);
  const rotation = g.constant('rotation', [ROWS, PAIRS, 2, 2], values(ROWS * PAIRS * 4, 1));
  const flat = (x: string, rows: number) => g.node('Reshape', [x, g.node('Constant', [], { value_ints: [rows, PAIRS * 2] })]);
  g.output('q_rotated', flat(g.node('MatMul', [rotation, q]), ROWS), [ROWS, PAIRS * 2]);
  const tiled = g.node('Tile', [rotation, g.node('Constant', [], { value_ints: [MEMORIES, 1, 1, 1] })]);
  g.output('k_rotated', flat(g.node('MatMul', [tiled, k]), MEMORIES * ROWS), [MEMORIES * ROWS, PAIRS * 2]);
  // Read by something other than a Reshape: its output's shape would matter, so it stays.
  g.output('kept', g.node('MatMul', [rotation, q]), [ROWS, PAIRS, 2, 1]);
  return g.toBytes('test');
}

async function run(model: Uint8Array): Promise<Record<string, number[]>> {
  const session = await InferenceSession.create(model);
  const out = await session.run({
    q: new Tensor('float32', values(ROWS * PAIRS * 2, 2), [ROWS, PAIRS, 2, 1]),
    k: new Tensor('float32', values(MEMORIES * ROWS * PAIRS * 2, 3), [MEMORIES * ROWS, PAIRS, 2, 1]),
  });
  await session.release();
  return Object.fromEntries(Object.entries(out).map(([name, t]) => [name, [...(t.data as Float32Array)]]));
}

describe('rotationsAsElementwise', () => {
  it('rewrites the rotation MatMuls read by Reshapes, with the same outputs', async () => {
    const original = ropeGraph();
    const { model, rewritten } = rotationsAsElementwise(original);
    expect(rewritten).toBe(2);
    expect(await run(model)).toEqual(await run(original));
  });

  it('hands back a graph without the pattern as it is', () => {
    const g = new OnnxWriter('plain');
    g.output('y', g.node('Relu', [g.input('x', [2])]), [2]);
    const model = g.toBytes('test');
    expect(rotationsAsElementwise(model)).toEqual({ model, rewritten: 0 });
  });
});
