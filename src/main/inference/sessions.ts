/** Opening a module's ONNX session on the best provider that loads: the one place the app creates an InferenceSession. */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { env, InferenceSession } from 'onnxruntime-node';
import type { ExecutionProvider, ModuleSpec } from '../../shared/models';
import { ModelError } from '../../shared/model-error';
import { isVerbose, ORT_PROVIDER, providerUnavailable } from './providers';
import { tensorMismatches } from './tensor-check';

/** Names a module in messages: which model, which role. */
export interface ModuleRef {
  modelId: string;
  module: string;
}

export interface ProviderFailure {
  provider: ExecutionProvider;
  reason: string;
}

export interface ModuleSession {
  session: InferenceSession;
  provider: ExecutionProvider;
  /** Why each provider before `provider` did not load, in the order tried. */
  fallbackReasons: ProviderFailure[];
}

export interface OpenModuleOptions {
  ref?: ModuleRef;
  sessionOptions?: Omit<InferenceSession.SessionOptions, 'executionProviders'>;
  /** Rewrites the graph's bytes before it loads (the same computation, laid out for ONNX Runtime). */
  rewrite?: (model: Uint8Array) => Uint8Array;
}

/**
 * onnxruntime's intra-op threads sleep when they run out of work instead of spinning: the app shares the CPU
 * with its own host, UI and decoders. Measured on the full-size SAM 2.1 twin, A/B (bench:responsiveness):
 * a tracked frame 4.6 s against 4.8, a warm click 159 ms against 225, Cancel 174 ms against 285; memory
 * attention alone used 2-9 % less CPU (README).
 */
const IDLE_THREADS_SLEEP = { session: { intra_op: { allow_spinning: '0' } } };

/**
 * Opens `dir/spec.file` with the first of `providers` that loads it and checks its tensors against
 * the spec. Throws ModelError: 'missing' (no file), 'unloadable' (no provider loads it), 'mismatch'.
 */
export async function openModuleSession(spec: ModuleSpec, dir: string, providers: readonly ExecutionProvider[], options: OpenModuleOptions = {}): Promise<ModuleSession> {
  const label = moduleLabel(spec, options.ref);
  const path = join(dir, spec.file);
  if (!(await isFile(path))) throw new ModelError('missing', `${label}: file not found, looked for ${path}`);

  const source = options.rewrite ? rewritten(await readFile(path), options.rewrite) : path;
  const fallbackReasons: ProviderFailure[] = [];
  const fallBack = (provider: ExecutionProvider, reason: string) => {
    fallbackReasons.push({ provider, reason });
    if (isVerbose()) console.warn(`${label}: not on ${provider}: ${reason}`);
  };
  for (const provider of providers) {
    // One that is not there is passed over without a try, which would print native error lines.
    const unavailable = providerUnavailable(provider);
    if (unavailable) {
      fallBack(provider, unavailable);
      continue;
    }
    let session: InferenceSession;
    try {
      // Read once, by the first session: errors only, unless verbose.
      env.logLevel = isVerbose() ? 'warning' : 'error';
      const sessionOptions = {
        extra: IDLE_THREADS_SLEEP,
        ...options.sessionOptions,
        executionProviders: [ORT_PROVIDER[provider]],
      };
      session = typeof source === 'string' ? await InferenceSession.create(source, sessionOptions) : await InferenceSession.create(source, sessionOptions);
    } catch (err) {
      fallBack(provider, errorMessage(err));
      continue;
    }
    // onnxruntime-node 1.30 reports names, dtypes and shapes (inputMetadata), so no names-only fallback.
    const problems = tensorMismatches(spec, session.inputMetadata, session.outputMetadata);
    if (problems.length > 0) {
      await session.release();
      throw new ModelError('mismatch', `${label}: the graph does not match the manifest:\n  ${problems.join('\n  ')}`);
    }
    return { session, provider, fallbackReasons };
  }
  const tried = fallbackReasons.map((f) => `${f.provider}: ${f.reason}`).join('\n  ') || 'no execution provider was given';
  throw new ModelError('unloadable', `${label}: cannot load ${path}:\n  ${tried}`);
}

/** A graph the rewrite cannot read is loaded as it is: ONNX Runtime then says what is wrong with it. */
function rewritten(bytes: Buffer, rewrite: (model: Uint8Array) => Uint8Array): Uint8Array {
  const model = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  try {
    return rewrite(model);
  } catch {
    return model;
  }
}

/** Names, dtypes and shapes do not depend on the provider: CPU without graph optimisation loads fastest. */
const CHECK_PROVIDERS: ExecutionProvider[] = ['cpu'];
const CHECK_OPTIONS: OpenModuleOptions['sessionOptions'] = { graphOptimizationLevel: 'disabled' };

/** Opens `dir/spec.file` and releases it at once: throws what openModuleSession throws. */
export async function checkModuleLoads(spec: ModuleSpec, dir: string, ref: ModuleRef): Promise<void> {
  const opened = await openModuleSession(spec, dir, CHECK_PROVIDERS, { ref, sessionOptions: CHECK_OPTIONS });
  await opened.session.release();
}

function moduleLabel(spec: ModuleSpec, ref: ModuleRef | undefined): string {
  return ref ? `Model ${ref.modelId}, module ${ref.module} (${spec.file})` : spec.file;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

export function errorMessage(err: unknown): string {
  return err instanceof Error ? err.message.trim() : String(err);
}
