import { describe, expect, it } from 'vitest';
import type { TensorMap } from './module-runner';
import { ownBuffers, ownedCopies, readFromWorker, readToWorker, readWorkerSetup, toWire, transferList, WorkerProtocolError } from './worker-protocol';

const f32 = (data: Float32Array) => ({ type: 'float32' as const, dims: [data.length], data });

describe('worker transfer helpers', () => {
  it('copies inputs so the caller keeps its arrays after a transfer', () => {
    const data = Float32Array.of(1, 2, 3);
    const copies = ownedCopies({ a: f32(data) });
    expect(copies.a.data).not.toBe(data);
    expect(copies.a.data).toEqual(Float32Array.of(1, 2, 3));
    expect(transferList(copies)).toEqual([copies.a.data.buffer]);
  });

  it('keeps arrays that own their buffer and copies views and shared buffers, so each buffer transfers once', () => {
    const whole = Float32Array.of(1, 2);
    const shared = new Float32Array(4);
    const tensors: TensorMap = { whole: f32(whole), first: f32(shared.subarray(0, 2)), second: f32(shared.subarray(2)), again: f32(whole) };
    const owned = ownBuffers(tensors);
    expect(owned.whole.data).toBe(whole);
    expect(owned.first.data).not.toBe(tensors.first.data);
    expect(owned.again.data).not.toBe(whole);
    expect(new Set(transferList(owned)).size).toBe(4);
  });
});

describe('worker messages', () => {
  const refusal = (read: () => unknown) => {
    try {
      read();
    } catch (err) {
      return err;
    }
    throw new Error('the message was accepted');
  };

  it('reads well-formed messages both ways, tensors as the same arrays', () => {
    const data = Float32Array.of(1, 2);
    const run = readToWorker({ type: 'run', id: 3, module: 'first', inputs: { x: f32(data) } });
    expect(run).toEqual({ type: 'run', id: 3, module: 'first', inputs: { x: f32(data) } });
    expect(run.type === 'run' && run.inputs.x.data).toBe(data);
    expect(readFromWorker({ type: 'opened', providers: { first: 'cpu' }, fallbackReasons: { first: [{ provider: 'cuda', reason: 'not installed' }] } })).toMatchObject({
      type: 'opened',
    });
    expect(readFromWorker({ type: 'runFailed', id: 3, error: { name: 'ModelError', message: 'no', kind: 'mismatch' } })).toMatchObject({ error: { kind: 'mismatch' } });
  });

  it.each([
    ['an unknown type', () => readToWorker({ type: 'explode' }), /A message to the worker does not fit .*type/],
    ['a run without an id', () => readToWorker({ type: 'run', module: 'first', inputs: {} }), /id/],
    [
      'a tensor of plain numbers',
      () => readToWorker({ type: 'run', id: 1, module: 'first', inputs: { x: { type: 'float32', dims: [2], data: [1, 2] } } }),
      /must be a Float32Array/,
    ],
    [
      'a result with negative dims',
      () => readFromWorker({ type: 'result', id: 1, outputs: { y: { type: 'float32', dims: [-1], data: new Float32Array(1) } } }),
      /A message from the worker/,
    ],
    ['an error of an unknown kind', () => readFromWorker({ type: 'openFailed', error: { name: 'ModelError', message: 'x', kind: 'gremlins' } }), /kind/],
    ['a setup without a model', () => readWorkerSetup({ dir: '/models', providers: ['cpu'], roles: [] }), /The worker setup does not fit .*model/],
  ])('refuses %s with a WorkerProtocolError that says what is wrong', (_, read, why) => {
    const err = refusal(read);
    expect(err).toBeInstanceOf(WorkerProtocolError);
    expect(err).toMatchObject({ code: 'worker-protocol', message: expect.stringMatching(why) });
  });

  it('sends an error across with its kind or code', () => {
    expect(toWire(new WorkerProtocolError('bad'))).toEqual({ name: 'WorkerProtocolError', message: 'bad', code: 'worker-protocol' });
    expect(toWire('plain')).toEqual({ name: 'Error', message: 'plain' });
  });
});
