/**
 * Runs a model's modules in a worker thread, so inference never blocks the main process. Runs go to the
 * worker one at a time. An aborted run rejects at once, but its graph finishes in the worker before the
 * next run starts: onnxruntime cannot interrupt a graph, and terminating a thread while onnxruntime
 * works in it aborts the whole process. A worker that dies is replaced at the next run.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ExecutionProvider, ModelSpec } from '../../shared/models';
import { abortError } from '../../shared/common/abort';
import { ModelError } from '../../shared/model-error';
import type { ProviderFailure } from './sessions';
import type { ModuleRunner, TensorMap } from './module-runner';
import {
  ownedCopies,
  readFromWorker,
  transferList,
  WORKER_PROTOCOL,
  WorkerProtocolError,
  type FromWorker,
  type ToWorker,
  type WireError,
  type WorkerSetup,
} from './worker-protocol';
import { raceAbort } from './race-abort';

export interface WorkerRunnerOptions {
  model: ModelSpec;
  /** The model's folder. */
  dir: string;
  /** Tried in order for each module. */
  providers: readonly ExecutionProvider[];
  /** Module roles to open; all of the model's when omitted. */
  roles?: readonly string[];
}

interface InFlight {
  id: number;
  module: string;
  resolve: (outputs: TensorMap) => void;
  reject: (err: Error) => void;
}

interface Live {
  worker: Worker;
  /** Resolves once the worker has opened every module. */
  ready: Promise<Live>;
  /** Set before stopping it on purpose, so its exit is not taken for a crash. */
  stopping: boolean;
}

export class WorkerRunner implements ModuleRunner {
  providers: Record<string, string> = {};
  /** Module role → why the providers before the one it runs on did not load it. */
  fallbackReasons: Record<string, ProviderFailure[]> = {};
  private current: Live | null = null;
  private inFlight: InFlight | null = null;
  /** Runs wait here for their turn. */
  private queue: Promise<unknown> = Promise.resolve();
  private nextId = 1;
  private closed = false;
  private readonly setup: WorkerSetup;

  private constructor(options: WorkerRunnerOptions) {
    const { model, dir, providers, roles = Object.keys(model.modules) } = options;
    this.setup = { model, dir, providers: [...providers], roles: [...roles] };
  }

  /** Starts the worker and opens every module; rejects with the worker's ModelError when one cannot be opened. */
  static async open(options: WorkerRunnerOptions): Promise<WorkerRunner> {
    const runner = new WorkerRunner(options);
    await runner.ensureWorker();
    return runner;
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Inputs are copied before they cross, so the caller may keep and reuse its arrays. */
  run(module: string, inputs: TensorMap, signal?: AbortSignal): Promise<TensorMap> {
    if (signal?.aborted) return Promise.reject(abortError());
    if (this.closed) return Promise.reject(new Error(`The runner of model ${this.setup.model.id} is closed.`));
    const copies = ownedCopies(inputs);
    const turn = this.queue.then(() => this.runNow(module, copies, signal));
    this.queue = turn.catch(() => undefined);
    return raceAbort(turn, signal);
  }

  /** Releases the sessions and ends the worker; a run still in flight is rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const live = this.current;
    this.current = null;
    this.inFlight?.reject(new Error(`The runner of model ${this.setup.model.id} was closed during the run.`));
    this.inFlight = null;
    if (!live) return;
    live.stopping = true;
    const exited = new Promise((resolve) => live.worker.once('exit', resolve));
    live.worker.ref();
    live.worker.postMessage({ type: 'close' } satisfies ToWorker);
    await exited;
  }

  /** Settles when the worker replies, even if the caller gave up waiting, so the next run starts after it. */
  private async runNow(module: string, inputs: TensorMap, signal?: AbortSignal): Promise<TensorMap> {
    const live = await this.ensureWorker();
    if (signal?.aborted) throw abortError();
    return new Promise<TensorMap>((resolve, reject) => {
      const id = this.nextId++;
      this.inFlight = {
        id,
        module,
        resolve: (outputs) => (live.worker.unref(), resolve(outputs)),
        reject: (err) => (live.worker.unref(), reject(err)),
      };
      live.worker.ref();
      live.worker.postMessage({ type: 'run', id, module, inputs } satisfies ToWorker, transferList(inputs));
    });
  }

  /** The worker, started (and its modules opened) if there is none. */
  private ensureWorker(): Promise<Live> {
    if (this.closed) return Promise.reject(new Error(`The runner of model ${this.setup.model.id} is closed.`));
    if (!this.current) {
      const live = this.spawn();
      this.current = live;
      live.ready.catch(() => {
        if (this.current === live) this.current = null;
      });
    }
    return this.current.ready;
  }

  private spawn(): Live {
    const entry = workerEntry();
    const worker = new Worker(entry.script, { eval: entry.eval, workerData: this.setup });
    let crash: Error | null = null;
    let opened = false;
    const live = { worker, stopping: false } as Live;
    live.ready = new Promise<Live>((resolve, reject) => {
      worker.on('message', (raw: unknown) => {
        let message: FromWorker;
        try {
          message = readFromWorker(raw);
        } catch (err) {
          return this.misread(live, opened, reject, err);
        }
        switch (message.type) {
          case 'opened':
            opened = true;
            this.providers = message.providers;
            this.fallbackReasons = message.fallbackReasons;
            // Idle, a runner nobody closed must not keep the process alive; runs hold it (runNow).
            worker.unref();
            return resolve(live);
          case 'openFailed':
            live.stopping = true;
            return reject(fromWire(message.error));
          default:
            return this.settle(message);
        }
      });
      worker.on('error', (err) => (crash = err));
      worker.on('exit', (code) => {
        if (this.current === live) this.current = null;
        if (live.stopping) return;
        const stopped = `The inference worker of model ${this.setup.model.id} stopped (${crash?.message ?? `exit code ${code}`})`;
        reject(new Error(`${stopped} while opening its modules.`));
        const pending = this.inFlight;
        this.inFlight = null;
        pending?.reject(new Error(`${stopped} while running module ${pending.module}; a new worker starts for the next run.`));
      });
    });
    return live;
  }

  private settle(message: Extract<FromWorker, { type: 'result' | 'runFailed' | 'refused' }>): void {
    const pending = this.inFlight;
    if (!pending || (message.id !== null && pending.id !== message.id)) return;
    this.inFlight = null;
    if (message.type === 'result') pending.resolve(message.outputs);
    else pending.reject(fromWire(message.error));
  }

  /**
   * A message from the worker that does not fit the protocol fails what waits on it: the open (and the worker
   * is stopped), or else the run in flight (one at a time, so it was that run's reply).
   */
  private misread(live: Live, opened: boolean, rejectOpen: (err: Error) => void, err: unknown): void {
    const error = new WorkerProtocolError(`Model ${this.setup.model.id}: ${err instanceof Error ? err.message : String(err)}`);
    if (!opened) {
      live.stopping = true;
      live.worker.postMessage({ type: 'close' } satisfies ToWorker);
      return rejectOpen(error);
    }
    const pending = this.inFlight;
    this.inFlight = null;
    pending?.reject(error);
  }
}

/**
 * The worker's entry beside this module: the built .js, or from source the .ts loaded through tsx's
 * API (Node 20 does not apply `--import tsx` to a worker's entry, so a small eval'd loader imports it).
 */
function workerEntry(): { script: string; eval: boolean } {
  const here = dirname(fileURLToPath(import.meta.url));
  // Built, this module may sit in a chunk folder below the entries.
  for (const dir of [here, dirname(here)]) {
    const js = join(dir, 'inference-worker.js');
    if (existsSync(js)) return { script: js, eval: false };
  }
  const ts = join(here, 'inference-worker.ts');
  if (!existsSync(ts)) throw new Error(`The inference worker is missing: looked for inference-worker.js or .ts in ${here}`);
  const require = createRequire(import.meta.url);
  const tsxPackage = require.resolve('tsx/package.json');
  const api = pathToFileURL(join(dirname(tsxPackage), require(tsxPackage).exports['./esm/api'].import.default)).href;
  const loader = `import(${JSON.stringify(api)}).then(({ tsImport }) => tsImport(${JSON.stringify(pathToFileURL(ts).href)}, ${JSON.stringify(import.meta.url)}))`;
  return { script: loader, eval: true };
}

function fromWire(error: WireError): Error {
  if (error.kind) return new ModelError(error.kind, error.message);
  if (error.code === WORKER_PROTOCOL) return new WorkerProtocolError(error.message);
  const err = new Error(error.message);
  err.name = error.name;
  return err;
}
