import { describe, expect, it } from 'vitest';
import { LruCache } from '../../shared/common/lru-cache';
import { PrefetchCache } from './prefetchCache';

/** Loads that resolve when the test says, recording which keys were asked for. */
function manualLoads() {
  const started: number[] = [];
  const finish = new Map<number, () => void>();
  const loader = (key: number) => () => {
    started.push(key);
    return new Promise<string>((resolve) => finish.set(key, () => resolve(`v${key}`)));
  };
  return { started, loader, finish: (key: number) => finish.get(key)!() };
}

const settle = () => new Promise((r) => setTimeout(r, 0));

describe('PrefetchCache', () => {
  it('shares a load in flight and keeps its value', async () => {
    const cache = new PrefetchCache<number, string>(new LruCache(100, () => 1), 2);
    const { started, loader, finish } = manualLoads();
    const a = cache.load(1, loader(1));
    const b = cache.load(1, loader(1));
    finish(1);
    expect(await a).toBe('v1');
    expect(await b).toBe('v1');
    expect(started).toEqual([1]);
    expect(cache.get(1)).toBe('v1');
  });

  it('prefetches a few at a time in order, and a new list replaces the loads not started', async () => {
    const cache = new PrefetchCache<number, string>(new LruCache(100, () => 1), 2);
    const { started, loader, finish } = manualLoads();
    cache.prefetch([1, 2, 3, 4].map((key) => ({ key, load: loader(key) })));
    expect(started).toEqual([1, 2]);
    cache.prefetch([2, 5, 6].map((key) => ({ key, load: loader(key) })));
    finish(1);
    await settle();
    expect(started).toEqual([1, 2, 5]);
    finish(2);
    finish(5);
    await settle();
    expect(started).toEqual([1, 2, 5, 6]);
    expect(cache.get(5)).toBe('v5');
  });

  it('skips what is cached, and a failed prefetch leaves nothing cached', async () => {
    const cache = new PrefetchCache<number, string>(new LruCache(100, () => 1), 1);
    await cache.load(1, async () => 'v1');
    let calls = 0;
    cache.prefetch([
      { key: 1, load: async () => (calls++, 'again') },
      { key: 2, load: async () => Promise.reject(new Error('gone')) },
    ]);
    await settle();
    expect(calls).toBe(0);
    expect(cache.get(2)).toBeUndefined();
    expect(cache.get(1)).toBe('v1');
  });

  it('gives a value that is not final, but loads it again when asked to', async () => {
    const cache = new PrefetchCache<number, string>(new LruCache(100, () => 1), 1, (v) => v !== 'partial');
    await cache.load(1, async () => 'partial');
    expect(cache.get(1)).toBe('partial');
    expect(await cache.load(1, async () => 'whole')).toBe('whole');
    expect(await cache.load(1, async () => 'again')).toBe('whole');
  });
});
