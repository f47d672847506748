/**
 * The inference worker: holds the model's onnxruntime sessions off the main thread and runs modules
 * on request. Started by WorkerRunner with a WorkerSetup; one run at a time arrives.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { InProcessRunner } from './in-process-runner';
import { ownBuffers, toWire, transferList, type FromWorker, type ToWorker, type WorkerSetup } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('inference-worker runs only as a worker thread');
const post = (message: FromWorker, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
const setup = workerData as WorkerSetup;

async function serve(): Promise<void> {
  let runner: InProcessRunner;
  try {
    runner = await InProcessRunner.open(setup.model, setup.dir, setup.providers, setup.roles);
  } catch (err) {
    post({ type: 'openFailed', error: toWire(err) });
    port!.close();
    return;
  }
  port!.on('message', (message: ToWorker) => {
    if (message.type === 'close') {
      void runner.close().finally(() => port!.close());
      return;
    }
    // A message this worker does not understand is a bug on the other side: fail loudly.
    if (message.type !== 'run') throw new Error(`inference worker: unknown message ${JSON.stringify((message as { type?: unknown }).type)}`);
    runner.run(message.module, message.inputs).then(
      (result) => {
        // onnxruntime gives each output a buffer of its own, so these transfer without a copy.
        const outputs = ownBuffers(result);
        post({ type: 'result', id: message.id, outputs }, transferList(outputs));
      },
      (err: unknown) => post({ type: 'runFailed', id: message.id, error: toWire(err) }),
    );
  });
  post({ type: 'opened', providers: runner.providers, fallbackReasons: runner.fallbackReasons });
}

void serve();
