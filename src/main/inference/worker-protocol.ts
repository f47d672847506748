/**
 * Messages between WorkerRunner and its inference worker, one zod schema each (the types are inferred from
 * them), and how tensors cross without a second copy. Each side checks what it receives: a malformed message
 * becomes a WorkerProtocolError naming what is wrong, not a crash on a missing field.
 */
import { z } from 'zod';
import type { ExecutionProvider, ModelSpec, TensorType } from '../../shared/models';
import { StudioError, type ErrorCode } from '../../shared/errors';
import { MODEL_ERROR_KINDS } from '../../shared/model-error';
import type { TensorData, TensorMap } from './module-runner';

/** The code a WorkerProtocolError carries, on either side of the boundary. */
export const WORKER_PROTOCOL = 'worker-protocol' satisfies ErrorCode;

/** A message across the worker boundary that does not fit its schema: a bug on the side that sent it. */
export class WorkerProtocolError extends StudioError {
  constructor(message: string) {
    super(WORKER_PROTOCOL, message);
    this.name = 'WorkerProtocolError';
  }
}

const providerSchema: z.ZodType<ExecutionProvider> = z.enum(['cuda', 'dml', 'coreml', 'cpu']);
const tensorTypeSchema: z.ZodType<TensorType> = z.enum(['float32', 'float16', 'int32', 'int64', 'bool', 'uint8']);

/** Typed arrays cross as themselves (structured clone or transfer): checked by class, never copied by the check. */
const TENSOR_ARRAYS = [Float32Array, Int32Array, BigInt64Array, Uint8Array];
const tensorDataSchema = z.custom<TensorData>((value) => TENSOR_ARRAYS.some((kind) => value instanceof kind), 'must be a Float32Array, Int32Array, BigInt64Array or Uint8Array');

const hostTensorSchema = z.object({ type: tensorTypeSchema, dims: z.array(z.number().int().nonnegative()), data: tensorDataSchema });
const tensorMapSchema = z.record(z.string(), hostTensorSchema);

/**
 * The model as the manifest gave it, already checked when the manifest loaded (models/manifest-schema.ts,
 * which this layer does not import): here only its outline, so a wrong object fails before onnxruntime.
 */
const modelSpecSchema = z.custom<ModelSpec>((value) => {
  const model = value as Partial<ModelSpec> | null;
  return typeof model === 'object' && model !== null && typeof model.id === 'string' && typeof model.modules === 'object' && model.modules !== null;
}, 'must be a manifest model with an id and modules');

/** What the worker opens at start (workerData). */
export const workerSetupSchema = z.object({
  model: modelSpecSchema,
  dir: z.string().min(1),
  providers: z.array(providerSchema),
  roles: z.array(z.string()),
});
export type WorkerSetup = z.infer<typeof workerSetupSchema>;

export const toWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('run'), id: z.number().int(), module: z.string(), inputs: tensorMapSchema }),
  z.object({ type: z.literal('close') }),
]);
export type ToWorker = z.infer<typeof toWorkerSchema>;

/** An error as it crosses: name (AbortError, ModelError), message, a ModelError's kind, a coded error's code. */
const wireErrorSchema = z.object({ name: z.string(), message: z.string(), kind: z.enum(MODEL_ERROR_KINDS).optional(), code: z.string().optional() });
export type WireError = z.infer<typeof wireErrorSchema>;

const providerFailureSchema = z.object({ provider: providerSchema, reason: z.string() });

export const fromWorkerSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('opened'), providers: z.record(z.string(), z.string()), fallbackReasons: z.record(z.string(), z.array(providerFailureSchema)) }),
  z.object({ type: z.literal('openFailed'), error: wireErrorSchema }),
  z.object({ type: z.literal('result'), id: z.number().int(), outputs: tensorMapSchema }),
  z.object({ type: z.literal('runFailed'), id: z.number().int(), error: wireErrorSchema }),
  /** The worker could not read a message it was sent; `id` is the run's when the message had one. */
  z.object({ type: z.literal('refused'), id: z.number().int().nullable(), error: wireErrorSchema }),
]);
export type FromWorker = z.infer<typeof fromWorkerSchema>;

/** `message` as `schema` reads it, or a WorkerProtocolError saying what `what` got wrong. */
function received<T>(schema: z.ZodType<T>, message: unknown, what: string): T {
  const parsed = schema.safeParse(message);
  if (parsed.success) return parsed.data;
  throw new WorkerProtocolError(`${what} does not fit the inference worker's protocol: ${z.prettifyError(parsed.error).replaceAll('\n', ' ')}`);
}

export const readWorkerSetup = (data: unknown): WorkerSetup => received(workerSetupSchema, data, 'The worker setup');
export const readToWorker = (message: unknown): ToWorker => received(toWorkerSchema, message, 'A message to the worker');
export const readFromWorker = (message: unknown): FromWorker => received(fromWorkerSchema, message, 'A message from the worker');

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
  const { kind, code } = err as { kind?: unknown; code?: unknown };
  const knownKind = MODEL_ERROR_KINDS.find((k) => k === kind);
  return { name: err.name, message: err.message, ...(knownKind ? { kind: knownKind } : {}), ...(typeof code === 'string' ? { code } : {}) };
}
