import { describe, expect, it } from 'vitest';
import { LruCache } from './lru-cache';

const byLength = (value: string) => value.length;

describe('LruCache', () => {
  it('evicts the least recently used entries once the byte budget is exceeded', () => {
    const cache = new LruCache<number, string>(10, byLength);
    cache.set(1, 'aaaa');
    cache.set(2, 'bbbb');
    expect(cache.get(1)).toBe('aaaa'); // 1 is now the most recent
    cache.set(3, 'cccc');
    expect(cache.has(2)).toBe(false);
    expect(cache.get(1)).toBe('aaaa');
    expect(cache.get(3)).toBe('cccc');
    expect(cache.bytes).toBe(8);
    expect(cache.size).toBe(2);
  });

  it('evicts as many entries as it takes to fit a large one', () => {
    const cache = new LruCache<string, string>(10, byLength);
    cache.set('a', 'xxx');
    cache.set('b', 'xxx');
    cache.set('c', 'xxx');
    cache.set('d', 'xxxxxxxx');
    expect(['a', 'b', 'c', 'd'].filter((k) => cache.has(k))).toEqual(['d']);
    expect(cache.bytes).toBe(8);
  });

  it('replaces a key without counting its old size twice', () => {
    const cache = new LruCache<string, string>(10, byLength);
    cache.set('a', 'xxxxxx');
    cache.set('a', 'xx');
    expect(cache.bytes).toBe(2);
    expect(cache.get('a')).toBe('xx');
  });

  it('does not keep a value larger than the whole cache, nor evict others for it', () => {
    const cache = new LruCache<string, string>(4, byLength);
    cache.set('a', 'xx');
    cache.set('big', 'xxxxx');
    expect(cache.has('big')).toBe(false);
    expect(cache.get('a')).toBe('xx');
  });

  it('deletes and clears', () => {
    const cache = new LruCache<string, string>(10, byLength);
    cache.set('a', 'xx');
    cache.set('b', 'xxx');
    expect(cache.delete('a')).toBe(true);
    expect(cache.delete('a')).toBe(false);
    expect(cache.bytes).toBe(3);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.bytes).toBe(0);
  });

  it('refuses a negative budget', () => {
    expect(() => new LruCache<string, string>(-1, byLength)).toThrow(RangeError);
  });
});
