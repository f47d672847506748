/** Messages between WorkerRunner and its inference worker, and how tensors cross without a second copy. */
import type { ExecutionProvider, ModelSpec } from '../../shared/models';
import type { ModelErrorKind } from '../../shared/model-error';
import type { ProviderFailure } from './sessions';
import type { TensorMap } from './module-runner';

/** What the worker opens at start (workerData). */
export interface WorkerSetup {
  model: ModelSpec;
  dir: string;
  providers: ExecutionProvider[];
  roles: string[];
}

export type ToWorker = { type: 'run'; id: number; module: string; inputs: TensorMap } | { type: 'close' };

/** An error as it crosses: name (AbortError, ModelError), message, and a ModelError's kind. */
export interface WireError {
  name: string;
  message: string;
  kind?: ModelErrorKind;
}

export type FromWorker =
  | { type: 'opened'; providers: Record<string, string>; fallbackReasons: Record<string, ProviderFailure[]> }
  | { type: 'openFailed'; error: WireError }
  | { type: 'result'; id: number; outputs: TensorMap }
  | { type: 'runFailed'; id: number; error: WireError };

/** The buffers to transfer with a message, each once (outputs may share one). */
export function transferList(tensors: TensorMap): ArrayBuffer[] {
  return [...new Set(Object.values(tensors).map((t) => t.data.buffer as ArrayBuffer))];
}

/** Copies each tensor into a buffer of its own, so transferring it leaves the caller's arrays usable. */
export function ownedCopies(tensors: TensorMap): TensorMap {
  return Object.fromEntries(Object.entries(tensors).map(([role, t]) => [role, { ...t, data: t.data.slice() }]));
}

/** The tensors as they can be transferred: each keeps its array when it alone spans its whole buffer, else a copy. */
export function ownBuffers(tensors: TensorMap): TensorMap {
  const seen = new Set<ArrayBufferLike>();
  return Object.fromEntries(
    Object.entries(tensors).map(([role, t]) => {
      const whole = t.data.byteOffset === 0 && t.data.byteLength === t.data.buffer.byteLength && !seen.has(t.data.buffer);
      seen.add(t.data.buffer);
      return [role, whole ? t : { ...t, data: t.data.slice() }];
    }),
  );
}

export function toWire(err: unknown): WireError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err) };
  const kind = (err as { kind?: ModelErrorKind }).kind;
  return { name: err.name, message: err.message, ...(kind ? { kind } : {}) };
}
