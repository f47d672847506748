import { describe, expect, it } from 'vitest';
import { LatestRunner } from './latestRunner';

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('LatestRunner', () => {
  it('skips requests superseded while a load runs', async () => {
    const results: number[] = [];
    const started: number[] = [];
    const first = deferred<number>();
    const runner = new LatestRunner<number>(
      (v) => results.push(v),
      () => undefined,
    );
    runner.request(() => (started.push(1), first.promise));
    runner.request(() => (started.push(2), Promise.resolve(2)));
    runner.request(() => (started.push(3), Promise.resolve(3)));
    first.resolve(1);
    await flush();
    expect(started).toEqual([1, 3]);
    expect(results).toEqual([1, 3]);
  });

  it('reports errors unless superseded', async () => {
    const errors: unknown[] = [];
    const runner = new LatestRunner<number>(
      () => undefined,
      (e) => errors.push(e),
    );
    runner.request(() => Promise.reject(new Error('boom')));
    await flush();
    expect(errors).toHaveLength(1);

    const slow = deferred<number>();
    runner.request(() => slow.promise);
    runner.request(() => Promise.resolve(5));
    slow.reject(new Error('stale'));
    await flush();
    expect(errors).toHaveLength(1);
  });

  it('stays silent once disposed', async () => {
    const results: number[] = [];
    const slow = deferred<number>();
    const runner = new LatestRunner<number>(
      (v) => results.push(v),
      () => undefined,
    );
    runner.request(() => slow.promise);
    runner.dispose();
    slow.resolve(1);
    await flush();
    expect(results).toEqual([]);
  });
});
