/**
 * The models panel in Chromium through the browser host: its advice (what runs now, the model that
 * suits this machine, what the fallback can do, download sizes), a model listed as missing with its
 * reason, imported from a folder of generated graphs, removed, then downloaded from a local server with
 * progress. Also checks that the build emits an inference worker that runs a module.
 */
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FromWorker, WorkerSetup } from '../src/main/inference/worker-protocol';
import type { ModelSpec } from '../src/shared/models';
import { gpuProvider } from '../src/main/inference/providers';
import { startFileServer, type FileServer } from '../src/main/models/testing/file-server';
import { TINY_MODEL_ID, TINY_WIDTH, tinyConstant, tinyFiles, tinyManifest, tinyModel, writeManifest, writeTinyModel } from '../src/main/models/testing/tiny-model';
import type { RunningHost } from '../src/host/server';
import { repoRoot } from '../src/testing/paths';
import { startStudioPage, type StudioPage } from './studio-page';

let studio: StudioPage;
let dir: string;
let files: FileServer;
let host: RunningHost;
let page: Page;

const rowOf = (id: string) => page.locator(`[data-testid="model-row"][data-model-id="${id}"]`);
const row = () => rowOf(TINY_MODEL_ID);
/** A SAM 2.1 Tiny entry (never downloaded here): the model the panel suggests on a machine without a GPU provider. */
const SAM2_TINY = 'sam2.1-hiera-tiny';
const waitForState = (state: string, timeout = 30_000) => page.waitForSelector(`[data-testid="model-row"][data-model-id="${TINY_MODEL_ID}"][data-state="${state}"]`, { timeout });

beforeAll(async () => {
  files = await startFileServer();
  const model = tinyModel(files.baseUrl);
  files.files = tinyFiles(model);
  const sam2Tiny: ModelSpec = { ...tinyModel(files.baseUrl, SAM2_TINY), family: 'sam2-tracker', title: 'SAM 2.1 Tiny', sizeBytes: 310e6, sizeApproximate: true };
  studio = await startStudioPage('sam2m-e2e-models-', { width: 1400, height: 900 }, async (d) => {
    await writeTinyModel(model, join(d, 'my models'));
    return { modelsDir: join(d, 'models'), manifestPath: await writeManifest(tinyManifest(files.baseUrl, model, sam2Tiny), join(d, 'manifest.json')) };
  });
  ({ dir, host, page } = studio);
});

afterAll(async () => {
  await studio?.close();
  await files?.close();
});

describe('the models panel in Chromium', () => {
  it('says what runs now, which model suits this machine, what the fallback can do and what each download weighs', async () => {
    await page.goto(host.url);
    await page.getByTestId('models-button').click();
    await waitForState('missing');
    expect(await page.getByTestId('models-engine').textContent()).toMatch(/^Running now: Classic tracker \(colour and motion, no model\) \(No SAM 2\.1 model installed in /);
    expect(await page.getByTestId('models-fallback').textContent()).toMatch(/^The classic tracker needs no download .*; it can lose .*, which SAM 2\.1 is made for\.$/);
    expect(await rowOf(SAM2_TINY).getByTestId('model-download-size').textContent()).toBe('Download about 310 MB');
    expect(await row().getByTestId('model-download-size').count()).toBe(0);
    if (gpuProvider(['cuda', 'dml', 'coreml'])) return; // The suggestion is then Base+, which this manifest lacks.
    expect(await page.getByTestId('models-suggestion').textContent()).toBe(
      'Suits this machine: SAM 2.1 Tiny. No GPU provider is installed: it is the fastest of the four on a CPU, about 5-13 s a tracked frame on 2 cores at its real sizes (README, SAM 2.1 speed).',
    );
    expect(await rowOf(SAM2_TINY).getByTestId('model-suggested').textContent()).toBe('Suits this machine');
    expect(await row().getByTestId('model-suggested').count()).toBe(0);
    await page.screenshot({ path: join(repoRoot, 'out/e2e-models-advice.png') });
  });

  it('lists a missing model with its reason, imports it from a folder, removes it and downloads it', async () => {
    await expect.poll(() => row().getByTestId('model-state').textContent()).toBe('Not installed');
    const reason = await row().getByTestId('model-reason').textContent();
    expect(reason).toBe(`Not downloaded: none of its 2 files is in ${join(dir, 'models', TINY_MODEL_ID)}`);

    await row().getByTestId('model-import-toggle').click();
    await row().getByTestId('model-import-path').fill(join(dir, 'my models'));
    await row().getByTestId('model-import').click();
    await waitForState('installed');
    expect(await row().getByTestId('model-state').textContent()).toBe('Installed');
    expect(await row().getByTestId('model-size').textContent()).toMatch(/^3\d\d\.\d KB$/);
    await expect.poll(() => row().getByTestId('model-note').textContent()).toContain('Imported from');
    await row().locator('.model-files summary').click();
    expect(await row().getByTestId('model-files').textContent()).toMatch(/firstfirst\.onnx.*sha256 [0-9a-f]{12}…/);
    await page.screenshot({ path: join(repoRoot, 'out/e2e-models-installed.png') });

    await row().getByTestId('model-remove').click();
    await waitForState('missing');
    // A download that stalls halfway shows its progress and can be cancelled.
    files.plan = ['stall'];
    await row().getByTestId('model-download').click();
    await expect.poll(() => row().getByTestId('model-download-progress').getAttribute('aria-valuenow'), { timeout: 30_000 }).toMatch(/^[1-9]\d*$/);
    await page.screenshot({ path: join(repoRoot, 'out/e2e-models-downloading.png') });
    await row().getByTestId('model-cancel').click();
    await expect.poll(() => row().getByTestId('model-note').textContent()).toMatch(/cancelled; downloading again resumes it/);

    files.requests = [];
    await row().getByTestId('model-download').click();
    await waitForState('installed');
    await expect.poll(() => row().getByTestId('model-note').textContent()).toBe('Downloaded and verified.');
    const gets = files.requests.filter((r) => r.method === 'GET');
    expect(gets.map((r) => r.path)).toEqual(['first.onnx', 'second.onnx']);
    // The cancelled part was kept and resumed.
    expect(gets[0].range).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it('shows a failed download on the model, and the download button offers it again', async () => {
    await row().getByTestId('model-remove').click();
    await waitForState('missing');
    files.plan = ['cut'];
    await row().getByTestId('model-download').click();
    await expect.poll(() => row().getByTestId('model-note').textContent(), { timeout: 30_000 }).toMatch(/cut after \d+ bytes.*resume/);
    await page.screenshot({ path: join(repoRoot, 'out/e2e-models-error.png') });
    await row().getByTestId('model-download').click();
    await waitForState('installed');
  });
});

describe('the built inference worker', () => {
  it('is emitted beside the main bundle and runs a module', async () => {
    const model = tinyModel(files.baseUrl);
    const setup: WorkerSetup = { model, dir: join(dir, 'models', TINY_MODEL_ID), providers: ['cpu'], roles: ['first'] };
    const worker = new Worker(resolve(repoRoot, 'out/main/inference-worker.js'), { workerData: setup });
    try {
      const reply = (): Promise<FromWorker> => new Promise((ok, fail) => (worker.once('message', ok), worker.once('error', fail)));
      expect(await reply()).toMatchObject({ type: 'opened', providers: { first: 'cpu' } });
      worker.postMessage({ type: 'run', id: 1, module: 'first', inputs: { x: { type: 'float32', dims: [1, TINY_WIDTH], data: new Float32Array(TINY_WIDTH) } } });
      const result = await reply();
      expect(result.type === 'result' && result.outputs.y.data).toEqual(tinyConstant(1));
    } finally {
      await worker.terminate();
    }
  });
});
