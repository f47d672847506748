import { describe, expect, it } from 'vitest';
import { isAbortError } from '../../shared/common/abort';
import { InteractiveFirst } from './interactive-first';
import type { ModuleRunner, TensorMap } from './module-runner';

/** A runner that records which module ran when, each run taking `ms`, one at a time (as the worker's queue runs them). */
function recordingRunner(ms: number): ModuleRunner & { order: string[] } {
  const order: string[] = [];
  let queue = Promise.resolve();
  return {
    order,
    providers: { any: 'cpu' },
    run(module: string): Promise<TensorMap> {
      const turn = queue.then(async () => {
        order.push(`${module}:start`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`${module}:end`);
        return {};
      });
      queue = turn.then(() => undefined);
      return turn;
    },
    async close() {},
  };
}

describe('InteractiveFirst', () => {
  it("runs a click's modules before the next ones of a running propagation, after the one under way", async () => {
    const inner = recordingRunner(20);
    const runner = new InteractiveFirst(inner);
    const propagation = (async () => {
      for (let i = 0; i < 4; i++) await runner.run(`track${i}`, {});
    })();
    await new Promise((r) => setTimeout(r, 5));
    const click = runner.interactive(async () => {
      await runner.run('encode', {});
      await runner.run('decode', {});
    });
    await Promise.all([propagation, click]);
    expect(inner.order).toEqual([
      'track0:start',
      'track0:end',
      'encode:start',
      'encode:end',
      'decode:start',
      'decode:end',
      'track1:start',
      'track1:end',
      'track2:start',
      'track2:end',
      'track3:start',
      'track3:end',
    ]);
  });

  it('lets a waiting run be cancelled, and releases waiters when the interactive work fails', async () => {
    const runner = new InteractiveFirst(recordingRunner(10));
    let fail!: (err: Error) => void;
    const click = runner.interactive(() => new Promise<void>((_, reject) => (fail = reject)));
    const cancel = new AbortController();
    const cancelled = runner.run('track', {}, cancel.signal).catch((err) => err);
    const waiting = runner.run('track', {});
    cancel.abort();
    expect(isAbortError(await cancelled)).toBe(true);
    fail(new Error('decoder failed'));
    await expect(click).rejects.toThrow('decoder failed');
    await expect(waiting).resolves.toEqual({});
  });
});
