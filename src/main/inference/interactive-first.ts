/**
 * The editor's own prompts before a propagation's frames: one runner serves both, and at seconds a module on
 * a CPU, a click queued behind a propagation's runs would wait several frames. Work started through
 * `interactive` is marked in its async context (AsyncLocalStorage follows it through every await); while any
 * is under way, other runs wait before starting. A run already started finishes first: at worst a click waits
 * for one module run.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { abortError } from '../../shared/common/abort';
import type { ModuleRunner, TensorMap } from './module-runner';

export class InteractiveFirst implements ModuleRunner {
  private readonly marked = new AsyncLocalStorage<true>();
  private underway = 0;
  private waiting: Array<() => void> = [];

  constructor(private readonly inner: ModuleRunner) {}

  get providers(): Record<string, string> {
    return this.inner.providers;
  }

  /** Runs `work` with its module runs ahead of any other's. */
  async interactive<T>(work: () => Promise<T>): Promise<T> {
    this.underway++;
    try {
      return await this.marked.run(true, work);
    } finally {
      if (--this.underway === 0) this.release();
    }
  }

  async run(module: string, inputs: TensorMap, signal?: AbortSignal): Promise<TensorMap> {
    while (this.underway > 0 && !this.marked.getStore()) await this.turn(signal);
    return this.inner.run(module, inputs, signal);
  }

  close(): Promise<void> {
    this.release();
    return this.inner.close();
  }

  private turn(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        this.waiting = this.waiting.filter((w) => w !== wake);
        reject(abortError());
      };
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(wake);
    });
  }

  private release(): void {
    const waiting = this.waiting;
    this.waiting = [];
    for (const wake of waiting) wake();
  }
}
