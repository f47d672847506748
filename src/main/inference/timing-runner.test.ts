import { describe, expect, it } from 'vitest';
import type { ModuleRunner, TensorMap } from './module-runner';
import { TimingRunner } from './timing-runner';

/** Answers every call with its inputs; fails for module "bad". */
const echo: ModuleRunner = {
  providers: { a: 'cpu' },
  run: async (module: string, inputs: TensorMap) => {
    if (module === 'bad') throw new Error('bad module');
    return inputs;
  },
  close: async () => {},
};

describe('TimingRunner', () => {
  it('passes results and errors through and counts calls per module, failures included', async () => {
    const timing = new TimingRunner(echo);
    const inputs = { x: { type: 'int32' as const, dims: [1], data: Int32Array.of(4) } };
    expect(await timing.run('a', inputs)).toBe(inputs);
    await timing.run('a', inputs);
    await expect(timing.run('bad', {})).rejects.toThrow('bad module');
    const snapshot = timing.snapshot();
    expect(Object.fromEntries(Object.entries(snapshot).map(([m, t]) => [m, t.calls]))).toEqual({ a: 2, bad: 1 });
    expect(snapshot.a.ms).toBeGreaterThanOrEqual(0);
    expect(timing.providers).toEqual({ a: 'cpu' });
    timing.reset();
    expect(timing.snapshot()).toEqual({});
  });
});
