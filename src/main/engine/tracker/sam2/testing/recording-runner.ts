/** Test support: a ModuleRunner that passes every call through and keeps what each module was fed. */
import type { ModuleRunner, TensorMap } from '../../../../inference/module-runner';

export interface RecordedCall {
  module: string;
  inputs: TensorMap;
}

export class RecordingRunner implements ModuleRunner {
  readonly calls: RecordedCall[] = [];

  constructor(private readonly inner: ModuleRunner) {}

  get providers(): Record<string, string> {
    return this.inner.providers;
  }

  run(module: string, inputs: TensorMap, signal?: AbortSignal): Promise<TensorMap> {
    this.calls.push({ module, inputs });
    return this.inner.run(module, inputs, signal);
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Calls of one module since the last clear. */
  of(module: string): RecordedCall[] {
    return this.calls.filter((c) => c.module === module);
  }

  clear(): void {
    this.calls.length = 0;
  }
}
