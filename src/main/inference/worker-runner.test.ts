import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../shared/models';
import { ModelError } from '../../shared/model-error';
import { OnnxGraph } from '../models/testing/onnx-graph';
import { TINY_WIDTH, tinyConstant, tinyModel, writeTinyModel } from '../models/testing/tiny-model';
import { repoRoot } from '../../testing/paths';
import type { HostTensor } from './module-runner';
import { WorkerProtocolError } from './worker-protocol';
import { WorkerRunner } from './worker-runner';

/** A module that takes long enough to be abandoned mid-run: x multiplied by itself, many times over. */
const SLOW = { size: 768, rounds: 24 };

let dir: string;
let model: ModelSpec;
let runner: WorkerRunner;

function slowModel(base: ModelSpec): ModelSpec {
  const square = { name: 'm', type: 'float32' as const, dims: [SLOW.size, SLOW.size] };
  return {
    ...base,
    modules: {
      ...base.modules,
      slow: { file: 'slow.onnx', url: 'https://example.org/slow.onnx', sha256: null, inputs: { x: square }, outputs: { y: { ...square, name: 'm_out' } } },
    },
  };
}

async function writeSlowGraph(spec: ModelSpec): Promise<void> {
  const graph = new OnnxGraph('slow');
  let value = graph.input(spec.modules.slow.inputs.x);
  for (let i = 0; i < SLOW.rounds; i++) value = graph.op('Tanh', [graph.op('MatMul', [value, value])]);
  graph.output(spec.modules.slow.outputs.y, value);
  await graph.write(join(dir, 'slow.onnx'));
}

const ramp = (): HostTensor => ({ type: 'float32', dims: [2, TINY_WIDTH], data: Float32Array.from({ length: 2 * TINY_WIDTH }, (_, i) => (i % 97) / 7) });
const slowInput = (): HostTensor => ({ type: 'float32', dims: [SLOW.size, SLOW.size], data: new Float32Array(SLOW.size * SLOW.size).fill(0.001) });

/** What onnxruntime returns for the same graph in this thread. */
async function inProcess(file: string, input: string, output: string, tensor: HostTensor): Promise<Float32Array> {
  const session = await InferenceSession.create(join(dir, file));
  try {
    const result = await session.run({ [input]: new Tensor('float32', tensor.data as Float32Array, tensor.dims) });
    return result[output].data as Float32Array;
  } finally {
    await session.release();
  }
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-worker-'));
  model = slowModel(tinyModel('https://example.org'));
  await writeTinyModel(tinyModel('https://example.org'), dir);
  await writeSlowGraph(model);
  runner = await WorkerRunner.open({ model, dir, providers: ['coreml', 'cpu'] });
});

afterAll(async () => {
  await runner?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('WorkerRunner', () => {
  it('returns exactly what an in-process session returns, by role, leaving the caller its inputs', async () => {
    const input = ramp();
    const out = await runner.run('second', { x: input });
    expect(out.y.type).toBe('float32');
    expect(out.y.dims).toEqual([2, TINY_WIDTH]);
    expect(out.y.data).toEqual(await inProcess('second.onnx', 'second_in', 'second_out', input));
    expect(out.y.data[TINY_WIDTH + 5]).toBeCloseTo((input.data[TINY_WIDTH + 5] as number) + tinyConstant(2)[5], 5);
    // The caller's array was copied, not transferred away.
    expect(input.data.length).toBe(2 * TINY_WIDTH);
  });

  it('reports the provider of each module and why earlier ones failed', () => {
    expect(runner.providers).toEqual({ first: 'cpu', second: 'cpu', slow: 'cpu' });
    expect(runner.fallbackReasons.first.map((f) => f.provider)).toEqual(['coreml']);
    expect(runner.fallbackReasons.first[0].reason).not.toBe('');
  });

  it('rejects a run aborted mid-graph at once with an AbortError; the next run follows when the graph ends', async () => {
    // How long the graph takes on this machine, so that the abort lands well inside the next run of it.
    const started = performance.now();
    await runner.run('slow', { x: slowInput() });
    const duration = performance.now() - started;
    const controller = new AbortController();
    const slow = runner.run('slow', { x: slowInput() }, controller.signal);
    await new Promise((resolve) => setTimeout(resolve, duration / 3));
    controller.abort();
    const order: string[] = [];
    const next = runner.run('first', { x: ramp() }).then((out) => (order.push('next run'), out));
    await expect(slow.catch((e: Error) => (order.push('aborted'), Promise.reject(e)))).rejects.toMatchObject({ name: 'AbortError' });
    const out = await next;
    // The next run waited for the slow graph, so the abort did not.
    expect(order).toEqual(['aborted', 'next run']);
    expect(out.y.data).toEqual(await inProcess('first.onnx', 'first_in', 'first_out', ramp()));
  });

  it('rejects a run still waiting for its turn when aborted, without running it', async () => {
    const controller = new AbortController();
    const first = runner.run('first', { x: ramp() });
    const queued = runner.run('second', { x: ramp() }, controller.signal);
    controller.abort();
    await expect(queued).rejects.toMatchObject({ name: 'AbortError' });
    await expect(first).resolves.toHaveProperty('y');
  });

  it('turns a worker crash into a clear error, and the next run starts a new worker', async () => {
    // The worker stops (as on a native crash) before it reads the run posted to it: a malformed message no longer kills it.
    void runner['current']!.worker.terminate();
    await expect(runner.run('first', { x: ramp() })).rejects.toThrow(
      'The inference worker of model tiny-test-model stopped (exit code 1) while running module first; a new worker starts for the next run.',
    );
    const out = await runner.run('second', { x: ramp() });
    expect(out.y.data).toEqual(await inProcess('second.onnx', 'second_in', 'second_out', ramp()));
    expect(runner.providers.second).toBe('cpu');
  });

  it('passes a module error through with its message, and refuses unknown modules', async () => {
    await expect(runner.run('first', { x: { type: 'float32', dims: [1, 3], data: new Float32Array(3) } })).rejects.toThrow(
      /module first: input role "x": expected first_in float32 \[B,40000\]/,
    );
    await expect(runner.run('nope', { x: ramp() })).rejects.toThrow(/no open module "nope"/);
  });

  it('refuses a malformed run in the worker with a coded error, and keeps serving', async () => {
    const wrongArray = { type: 'float32', dims: [1, TINY_WIDTH], data: new Float64Array(TINY_WIDTH) } as unknown as HostTensor;
    const error = await runner.run('first', { x: wrongArray }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkerProtocolError);
    expect(error).toMatchObject({ code: 'worker-protocol', message: expect.stringMatching(/A message to the worker does not fit .*inputs\.x\.data/s) });
    const out = await runner.run('first', { x: { type: 'float32', dims: [1, TINY_WIDTH], data: new Float32Array(TINY_WIDTH) } });
    expect(out.y.data[0]).toBe(tinyConstant(1)[0]);
  });

  it('lets a script end once its runs are done, even without close', async () => {
    const script = join(dir, 'script.mts');
    await writeFile(
      script,
      [
        `import { WorkerRunner } from ${JSON.stringify(join(import.meta.dirname, 'worker-runner.ts'))};`,
        `const runner = await WorkerRunner.open(${JSON.stringify({ model, dir, providers: ['cpu'], roles: ['first'] })});`,
        `const out = await runner.run('first', { x: { type: 'float32', dims: [1, ${TINY_WIDTH}], data: new Float32Array(${TINY_WIDTH}) } });`,
        'console.log(out.y.data[0]);',
      ].join('\n'),
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, timeout: 60_000 });
    expect(Number(stdout)).toBe(tinyConstant(1)[0]);
  });

  it('fails to open a model with a missing file, as a ModelError naming it', async () => {
    const broken = { ...model, modules: { ...model.modules, first: { ...model.modules.first, file: 'absent.onnx' } } };
    const error = await WorkerRunner.open({ model: broken, dir, providers: ['cpu'] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).kind).toBe('missing');
    expect((error as ModelError).message).toContain(join(dir, 'absent.onnx'));
  });
});
