/**
 * The inference worker: holds the model's onnxruntime sessions off the main thread and runs modules
 * on request. Started by WorkerRunner with a WorkerSetup; one run at a time arrives. What arrives is
 * checked (worker-protocol.ts): a malformed setup fails the open, a malformed message is refused, both
 * with a WorkerProtocolError, and the worker stays up.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InProcessRunner } from './in-process-runner';
import { ownBuffers, readToWorker, readWorkerSetup, toWire, transferList, type FromWorker } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('inference-worker runs only as a worker thread');
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

async function serve(): Promise<void> {
  let runner: InProcessRunner;
  try {
    const setup = readWorkerSetup(workerData);
    runner = await InProcessRunner.open(setup.model, setup.dir, setup.providers, setup.roles);
  } catch (err) {
    post({ type: 'openFailed', error: toWire(err) });
    port!.close();
    return;
  }
  port!.on('message', (raw: unknown) => {
    let message;
    try {
      message = readToWorker(raw);
    } catch (err) {
      const id = (raw as { id?: unknown } | null)?.id;
      post({ type: 'refused', id: Number.isInteger(id) ? (id as number) : null, error: toWire(err) });
      return;
    }
    if (message.type === 'close') {
      void runner.close().finally(() => port!.close());
      return;
    }
    const { id } = message;
    runner.run(message.module, message.inputs).then(
      (result) => {
        // onnxruntime gives each output a buffer of its own, so these transfer without a copy.
        const outputs = ownBuffers(result);
        post({ type: 'result', id, outputs }, transferList(outputs));
      },
      (err: unknown) => post({ type: 'runFailed', id, error: toWire(err) }),
    );
  });
  post({ type: 'opened', providers: runner.providers, fallbackReasons: runner.fallbackReasons });
}

void serve();
