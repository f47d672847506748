/**
 * Values loaded by key and kept in an LRU: a load already in flight is shared, and a prefetch list is
 * loaded in the background a few at a time, so playback finds the next frames ready when they are due.
 */
import type { LruCache } from '../../shared/common/lru-cache';

export interface Prefetch<K, V> {
  key: K;
  load: () => Promise<V>;
}

export class PrefetchCache<K, V> {
  private readonly inFlight = new Map<K, Promise<V>>();
  private queue: Prefetch<K, V>[] = [];
  private prefetching = 0;

  constructor(
    private readonly cache: LruCache<K, V>,
    /** Background loads at once; more only queue up behind the host's one decoder. */
    private readonly concurrency: number,
    /** Whether a cached value is final; one that is not is still given by get, but load asks for it again. */
    private readonly final: (value: V) => boolean = () => true,
  ) {}

  get(key: K): V | undefined {
    return this.cache.get(key);
  }

  /** The cached value if final, the load in flight for it, or a new load. */
  load(key: K, load: () => Promise<V>): Promise<V> {
    const cached = this.cache.get(key);
    if (cached !== undefined && this.final(cached)) return Promise.resolve(cached);
    let pending = this.inFlight.get(key);
    if (!pending) {
      pending = load();
      this.inFlight.set(key, pending);
      // Settled before the callers hear of it, so a load asked for right after starts anew if need be.
      const settled = () => this.inFlight.delete(key);
      pending.then((value) => (settled(), this.cache.set(key, value)), settled);
    }
    return pending;
  }

  /**
   * Loads these in order in the background, skipping those cached (final or not); replaces the previous
   * list's loads not yet started. Failures are left to load's callers.
   */
  prefetch(items: Prefetch<K, V>[]): void {
    this.queue = items.filter((item) => !this.cache.has(item.key) && !this.inFlight.has(item.key));
    while (this.prefetching < this.concurrency && this.next()) {}
  }

  private next(): boolean {
    const item = this.queue.shift();
    if (!item) return false;
    if (this.cache.has(item.key) || this.inFlight.has(item.key)) return true;
    this.prefetching++;
    void this.load(item.key, item.load)
      .catch(() => {})
      .finally(() => {
        this.prefetching--;
        while (this.prefetching < this.concurrency && this.next()) {}
      });
    return true;
  }
}
