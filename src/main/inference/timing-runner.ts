/** A ModuleRunner that passes calls through and adds up the wall time each module takes (benchmarks, diagnostics). */
import { performance } from 'node:perf_hooks';
import type { ModuleRunner, TensorMap } from './module-runner';

export interface ModuleTiming {
  calls: number;
  ms: number;
}

export class TimingRunner implements ModuleRunner {
  private readonly timings = new Map<string, ModuleTiming>();

  constructor(private readonly inner: ModuleRunner) {}

  get providers(): Record<string, string> {
    return this.inner.providers;
  }

  async run(module: string, inputs: TensorMap, signal?: AbortSignal): Promise<TensorMap> {
    const start = performance.now();
    try {
      return await this.inner.run(module, inputs, signal);
    } finally {
      const timing = this.timings.get(module) ?? { calls: 0, ms: 0 };
      timing.calls++;
      timing.ms += performance.now() - start;
      this.timings.set(module, timing);
    }
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Totals per module since the last reset. */
  snapshot(): Record<string, ModuleTiming> {
    return Object.fromEntries([...this.timings].map(([module, t]) => [module, { ...t }]));
  }

  reset(): void {
    this.timings.clear();
  }
}
