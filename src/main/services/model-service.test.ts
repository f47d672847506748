/** The model manager end to end through StudioService, against generated graphs served from 127.0.0.1. */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../shared/api';
import type { ModelSpec } from '../../shared/models';
import { CONSTANTS_ROLE, constantsModuleSpec, loadConstants } from '../engine/tracker/sam2/constants';
import { checkpointBytes, fakeSam2Checkpoint, PickleWriter } from '../models/checkpoint/testing/torch-writer';
import { ModelError } from '../../shared/model-error';
import { gpuProvider } from '../inference/providers';
import { startFileServer, type FileServer } from '../models/testing/file-server';
import { TINY_MODEL_ID, TINY_WIDTH, tinyConstant, tinyFiles, tinyGraph, tinyManifest, tinyModel, writeManifest, writeTinyModel } from '../models/testing/tiny-model';
import { createJobWaiter, type JobWaiter } from './job-waiter';
import { StudioService } from './studio-service';

let server: FileServer;
let dir: string;
let modelsDir: string;
let model: ModelSpec;
let files: Map<string, Uint8Array>;
let waiter: JobWaiter;
let service: StudioService;

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const totalBytes = () => [...files.values()].reduce((sum, b) => sum + b.length, 0);
const target = (file: string) => join(modelsDir, TINY_MODEL_ID, file);

async function serviceWith(...manifestModels: ModelSpec[]): Promise<StudioService> {
  const manifestPath = await writeManifest(tinyManifest(server.baseUrl, ...(manifestModels.length ? manifestModels : [model])), join(dir, `manifest-${Math.random()}.json`));
  return new StudioService({ emit: waiter.emit, modelsDir, manifestPath });
}

async function download(events: JobEvent[] = []): Promise<void> {
  const { jobId } = await service.downloadModel(TINY_MODEL_ID);
  await waiter.wait(jobId, (e) => events.push(e));
}

/** The error a promise rejects with; a resolution fails the test. */
const failure = (promise: Promise<unknown>): Promise<Error> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: Error) => error,
  );

const tinyStatus = async () => (await service.listModels()).find((m) => m.id === TINY_MODEL_ID)!;

beforeAll(async () => {
  server = await startFileServer();
  model = tinyModel(server.baseUrl);
  files = tinyFiles(model);
});

afterAll(() => server.close());

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-model-service-'));
  modelsDir = join(dir, 'models');
  server.files = new Map(files);
  server.plan = [];
  server.requests = [];
  waiter = createJobWaiter();
  service = await serviceWith();
});

afterEach(async () => {
  service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('listModels', () => {
  it('lists a model without files as missing, naming the folder and each file', async () => {
    const status = await tinyStatus();
    expect(status).toMatchObject({ state: 'missing', title: 'Tiny Test Model', licence: 'MIT', sizeBytes: 0, pinned: false });
    expect(status.reason).toBe(`Not downloaded: none of its 2 files is in ${join(modelsDir, TINY_MODEL_ID)}`);
    expect(status.modules?.map((m) => [m.file, m.sizeBytes])).toEqual([
      ['first.onnx', null],
      ['second.onnx', null],
    ]);
  });
});

describe('advice', () => {
  it('says what a download fetches, the tracker that suits this machine, and what the fallback can do', async ({ skip }) => {
    service.close();
    const sam2Tiny: ModelSpec = { ...tinyModel(server.baseUrl, 'sam2.1-hiera-tiny'), family: 'sam2-tracker', title: 'SAM 2.1 Tiny', sizeBytes: 310e6, sizeApproximate: true };
    service = await serviceWith(model, sam2Tiny);
    expect((await service.listModels()).map((m) => [m.id, m.download])).toEqual([
      [TINY_MODEL_ID, undefined],
      ['sam2.1-hiera-tiny', { bytes: 310e6, approximate: true }],
    ]);
    const info = await service.getEngineInfo();
    expect(info.fallbackLimits).toMatch(/^The classic tracker needs no download .*; it can lose /);
    if (gpuProvider(['cuda', 'dml', 'coreml'])) skip('a GPU provider is installed here: the suggestion is Base+, not in this manifest');
    expect(info.suggestedTracker).toEqual({
      modelId: 'sam2.1-hiera-tiny',
      why: 'No GPU provider is installed: it is the fastest of the four on a CPU, about 5-13 s a tracked frame on 2 cores at its real sizes (README, SAM 2.1 speed).',
    });
  });
});

describe('downloadModel', () => {
  it('downloads every file with byte progress, pins their hashes, and the engine info follows', async () => {
    expect((await service.getEngineInfo()).models.find((m) => m.id === TINY_MODEL_ID)?.state).toBe('missing');
    const events: JobEvent[] = [];
    await download(events);

    const progress = events.filter((e) => e.type === 'progress') as Array<Extract<JobEvent, { type: 'progress' }>>;
    expect(progress.length).toBeGreaterThan(5);
    expect(progress.every((e) => e.kind === 'download' && e.total === totalBytes())).toBe(true);
    expect(progress.every((e, i) => i === 0 || e.done >= progress[i - 1].done)).toBe(true);
    expect(progress.at(-1)!.done).toBe(totalBytes());
    expect(events.at(-1)).toMatchObject({ type: 'done', kind: 'download' });

    for (const [file, bytes] of files) expect(Buffer.compare(await readFile(target(file)), bytes)).toBe(0);
    expect((await readdir(join(modelsDir, TINY_MODEL_ID))).sort()).toEqual(['first.onnx', 'second.onnx']);
    const pins = JSON.parse(await readFile(join(modelsDir, 'pins.json'), 'utf8')).pins;
    expect(pins[`${TINY_MODEL_ID}/first.onnx`]).toMatchObject({ sha256: sha(files.get('first.onnx')!), bytes: files.get('first.onnx')!.length, source: model.modules.first.url });

    const status = await tinyStatus();
    expect(status).toMatchObject({ state: 'installed', reason: null, sizeBytes: totalBytes(), pinned: true });
    expect(status.modules?.map((m) => m.sha256)).toEqual([sha(files.get('first.onnx')!), sha(files.get('second.onnx')!)]);
    expect((await service.getEngineInfo()).models.find((m) => m.id === TINY_MODEL_ID)?.state).toBe('installed');
  });

  it('resumes a cut download with a Range request, leaving nothing under the final name meanwhile', async () => {
    server.plan = ['cut'];
    await expect(download()).rejects.toThrow(/cut after \d+ bytes.*run it again to resume/);
    expect(existsSync(target('first.onnx'))).toBe(false);
    expect(existsSync(`${target('first.onnx')}.part`)).toBe(true);
    expect((await tinyStatus()).state).toBe('missing');

    server.requests = [];
    await download();
    const resumed = server.requests.find((r) => r.method === 'GET' && r.path === 'first.onnx');
    expect(resumed?.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect(Buffer.compare(await readFile(target('first.onnx')), files.get('first.onnx')!)).toBe(0);
    expect(existsSync(`${target('first.onnx')}.part`)).toBe(false);
    expect((await tinyStatus()).state).toBe('installed');
  });

  it('rejects a file whose checksum differs from the manifest, keeping neither file nor part', async () => {
    const wrong = 'ab'.repeat(32);
    service = await serviceWith({ ...model, modules: { ...model.modules, first: { ...model.modules.first, sha256: wrong } } });
    const error = await failure(download());
    expect(error.message).toContain(wrong);
    expect(error.message).toContain(sha(files.get('first.onnx')!));
    expect(existsSync(target('first.onnx'))).toBe(false);
    expect(existsSync(`${target('first.onnx')}.part`)).toBe(false);
  });

  it('rejects a download that differs from the hash pinned at the first one', async () => {
    await download();
    await rm(target('second.onnx'));
    server.files.set('second.onnx', tinyGraph(model.modules.second, 7));
    const error = await failure(download());
    expect(error.message).toMatch(/second\.onnx has sha256 [0-9a-f]{64}, expected/);
    expect(error.message).toContain(sha(files.get('second.onnx')!));
    expect(existsSync(target('second.onnx'))).toBe(false);
  });

  it('cancels on request: the job says cancelled and no file appears under its final name', async () => {
    server.plan = ['stall'];
    const { jobId } = await service.downloadModel(TINY_MODEL_ID);
    const outcome = waiter.wait(jobId, (e) => {
      if (e.type === 'progress' && e.done > 0) void service.cancelJob(jobId);
    });
    await expect(outcome).rejects.toMatchObject({ name: 'AbortError' });
    expect(existsSync(target('first.onnx'))).toBe(false);
    // Once the job ended the model is free again.
    await service.removeModel(TINY_MODEL_ID);
  });

  it('refuses a second download or a removal while one runs, and a model that is complete', async () => {
    server.plan = ['stall'];
    const { jobId } = await service.downloadModel(TINY_MODEL_ID);
    await expect(service.downloadModel(TINY_MODEL_ID)).rejects.toThrow(/while its download is running/);
    await expect(service.removeModel(TINY_MODEL_ID)).rejects.toThrow(/Cannot remove Tiny Test Model while its download is running/);
    await service.cancelJob(jobId);
    await expect(waiter.wait(jobId)).rejects.toMatchObject({ name: 'AbortError' });
    // The cancel may have come before the stalling GET: serve the next one whole either way.
    server.plan = [];
    await download();
    await expect(service.downloadModel(TINY_MODEL_ID)).rejects.toThrow(/already has all its files/);
    await expect(service.downloadModel('nope')).rejects.toThrow(/No model "nope" in the manifest \(known: tiny-test-model\)/);
  });
});

describe('verification after the first use', () => {
  it('reports a file changed since it was pinned as invalid, naming both hashes', async () => {
    await download();
    await writeFile(target('first.onnx'), tinyGraph(model.modules.first, 5));
    const status = await tinyStatus();
    expect(status.state).toBe('invalid');
    expect(status.reason).toContain('module first (first.onnx): the file changed since it was checked');
    expect(status.reason).toContain(sha(files.get('first.onnx')!));
  });
});

describe('importModel', () => {
  it('imports a folder of the model files, pinning them', async () => {
    const source = await writeTinyModel(model, join(dir, 'my models'));
    const status = await service.importModel(TINY_MODEL_ID, source);
    expect(status).toMatchObject({ state: 'installed', pinned: true, sizeBytes: totalBytes() });
    const pins = JSON.parse(await readFile(join(modelsDir, 'pins.json'), 'utf8')).pins;
    expect(pins[`${TINY_MODEL_ID}/second.onnx`].source).toBe(join(source, 'second.onnx'));
    expect((await readdir(modelsDir)).sort()).toEqual(['pins.json', TINY_MODEL_ID]);
  });

  it('refuses a truncated file with a clear message and changes nothing', async () => {
    await service.importModel(TINY_MODEL_ID, await writeTinyModel(model, join(dir, 'good')));
    const truncated = join(dir, 'first.onnx');
    await writeFile(truncated, files.get('first.onnx')!.subarray(0, 5000));
    const error = await failure(service.importModel(TINY_MODEL_ID, truncated));
    expect(error.message).toMatch(/^Cannot import Tiny Test Model; nothing was changed:/);
    expect(error.message).toContain(`first.onnx (first) from ${truncated}`);
    expect(error.message).toContain(`cannot load ${truncated}`);
    expect(error.message).not.toContain('.import-');
    expect(Buffer.compare(await readFile(target('first.onnx')), files.get('first.onnx')!)).toBe(0);
    expect((await readdir(modelsDir)).sort()).toEqual(['pins.json', TINY_MODEL_ID]);
    expect((await tinyStatus()).state).toBe('installed');
  });

  it('imports one file by its name and reports the rest missing', async () => {
    const one = join(dir, 'second.onnx');
    await writeFile(one, files.get('second.onnx')!);
    const status = await service.importModel(TINY_MODEL_ID, one);
    expect(status.state).toBe('missing');
    expect(status.reason).toContain('1 of 2 files missing');
    expect(status.modules?.find((m) => m.role === 'second')?.sizeBytes).toBe(files.get('second.onnx')!.length);
  });

  it('names what it expected for a path that is not there, or a file of another name', async () => {
    await expect(service.importModel(TINY_MODEL_ID, join(dir, 'nowhere'))).rejects.toThrow(`Cannot import from ${join(dir, 'nowhere')}: no such file or folder.`);
    const other = join(dir, 'other.onnx');
    await writeFile(other, files.get('first.onnx')!);
    await expect(service.importModel(TINY_MODEL_ID, other)).rejects.toThrow('other.onnx is not a file of Tiny Test Model: its files are first.onnx, second.onnx');
    await expect(service.importModel(TINY_MODEL_ID, '  ')).rejects.toThrow(/Give the path/);
  });
});

describe('openRunner', () => {
  it("runs an installed model in a worker and shows each module's provider while it is open", async () => {
    await service.importModel(TINY_MODEL_ID, await writeTinyModel(model, join(dir, 'src')));
    const runner = await service.models.openRunner(TINY_MODEL_ID);
    const out = await runner.run('first', { x: { type: 'float32', dims: [1, TINY_WIDTH], data: new Float32Array(TINY_WIDTH) } });
    expect(out.y.data).toEqual(tinyConstant(1));
    expect((await service.getEngineInfo()).providers).toEqual({ first: 'cpu', second: 'cpu' });
    expect((await tinyStatus()).modules?.map((m) => [m.role, m.provider, m.fallbackReasons])).toEqual([
      ['first', 'cpu', []],
      ['second', 'cpu', []],
    ]);
    await runner.close();
    expect((await service.getEngineInfo()).providers).toEqual({});
    expect((await tinyStatus()).modules?.[0].provider).toBeUndefined();
  });

  it("opens modules the caller adds to the manifest's, and only the roles asked for", async () => {
    await service.importModel(TINY_MODEL_ID, await writeTinyModel(model, join(dir, 'src')));
    const extra = { ...model.modules.second, file: 'extra.onnx' };
    await writeFile(target('extra.onnx'), tinyGraph(extra, 3));
    const runner = await service.models.openRunner(TINY_MODEL_ID, { roles: ['first', 'extra'], extend: (m) => ({ ...m, modules: { ...m.modules, extra } }) });
    try {
      expect(runner.providers).toEqual({ first: 'cpu', extra: 'cpu' });
      const out = await runner.run('extra', { x: { type: 'float32', dims: [1, TINY_WIDTH], data: new Float32Array(TINY_WIDTH) } });
      expect(out.y.data).toEqual(tinyConstant(3));
    } finally {
      await runner.close();
    }
  });

  it('refuses a file changed since it was pinned with a ModelError naming both hashes', async () => {
    await service.importModel(TINY_MODEL_ID, await writeTinyModel(model, join(dir, 'src')));
    await writeFile(target('second.onnx'), tinyGraph(model.modules.second, 9));
    const error = await failure(service.models.openRunner(TINY_MODEL_ID));
    expect(error).toBeInstanceOf(ModelError);
    expect((error as ModelError).kind).toBe('mismatch');
    expect(error.message).toMatch(/^Tiny Test Model cannot run: Model tiny-test-model, module second \(second\.onnx\): the file changed since it was checked/);
    expect(error.message).toContain(sha(files.get('second.onnx')!));
  });

  it('refuses a model that is not installed, saying why', async () => {
    await expect(service.models.openRunner(TINY_MODEL_ID)).rejects.toThrow(/^Tiny Test Model cannot run: Not downloaded: none of its 2 files/);
  });
});

describe('removeModel', () => {
  it('deletes the files and the pins, so the model is missing and downloads afresh', async () => {
    await download();
    await service.removeModel(TINY_MODEL_ID);
    expect(existsSync(join(modelsDir, TINY_MODEL_ID))).toBe(false);
    expect(JSON.parse(await readFile(join(modelsDir, 'pins.json'), 'utf8')).pins).toEqual({});
    expect((await tinyStatus()).state).toBe('missing');
    expect((await service.getEngineInfo()).models.find((m) => m.id === TINY_MODEL_ID)?.state).toBe('missing');
  });
});

describe('a module derived from a checkpoint', () => {
  const CHECKPOINT = 'sam2.1_hiera_tiny.pt';
  const CONSTANTS = 'sam2_constants.onnx';
  const fake = fakeSam2Checkpoint(6);
  const ptBytes = checkpointBytes(fake, { zip64: true });
  let url: string;

  beforeEach(async () => {
    url = `${server.baseUrl}/${CHECKPOINT}`;
    server.files.set(CHECKPOINT, ptBytes);
    const derived: ModelSpec = { ...model, modules: { ...model.modules, [CONSTANTS_ROLE]: { ...constantsModuleSpec(CONSTANTS, url), source: { checkpoint: url } } } };
    service.close();
    service = await serviceWith(derived);
  });

  /** The constants the installed graph gives the tracker. */
  async function installedConstants() {
    const runner = await service.models.openRunner(TINY_MODEL_ID, { roles: [CONSTANTS_ROLE] });
    try {
      return await loadConstants(runner);
    } finally {
      await runner.close();
    }
  }

  it("downloads the checkpoint with the other files' progress, converts it, pins the graph and keeps no checkpoint", async () => {
    const events: JobEvent[] = [];
    await download(events);
    const progress = events.filter((e) => e.type === 'progress') as Array<Extract<JobEvent, { type: 'progress' }>>;
    expect(progress.every((e) => e.total === totalBytes() + ptBytes.length)).toBe(true);
    expect(progress.at(-1)!.done).toBe(totalBytes() + ptBytes.length);
    expect((await readdir(join(modelsDir, TINY_MODEL_ID))).sort()).toEqual(['first.onnx', 'sam2_constants.onnx', 'second.onnx']);

    const pin = JSON.parse(await readFile(join(modelsDir, 'pins.json'), 'utf8')).pins[`${TINY_MODEL_ID}/${CONSTANTS}`];
    expect(pin).toMatchObject({ sha256: sha(await readFile(target(CONSTANTS))), source: url });
    expect(await tinyStatus()).toMatchObject({ state: 'installed', pinned: true });
    const constants = await installedConstants();
    expect([...constants.noObjPtr]).toEqual(fake.values.no_obj_ptr.values);
    expect(constants.maskmemTposEnc.flatMap((row) => [...row])).toEqual(fake.values.maskmem_tpos_enc.values);
    expect(constants.maskDownsample.bias).toBe(fake.values['mask_downsample.bias'].values[0]);
  });

  it('resumes a cut checkpoint download with a Range request', async () => {
    server.plan = ['serve', 'serve', 'cut'];
    await expect(download()).rejects.toThrow(/sam2\.1_hiera_tiny\.pt was cut after \d+ bytes/);
    expect(existsSync(target(CONSTANTS))).toBe(false);
    expect(existsSync(`${target(CONSTANTS)}.checkpoint.pt.part`)).toBe(true);

    server.requests = [];
    await download();
    expect(server.requests.find((r) => r.method === 'GET' && r.path === CHECKPOINT)?.range).toMatch(/^bytes=[1-9]\d*-$/);
    expect((await readdir(join(modelsDir, TINY_MODEL_ID))).sort()).toEqual(['first.onnx', 'sam2_constants.onnx', 'second.onnx']);
    expect([...(await installedConstants()).noMemEmbed]).toEqual(fake.values.no_mem_embed.values);
  });

  it('converts a checkpoint a stopped run left complete without fetching it again', async () => {
    await mkdir(join(modelsDir, TINY_MODEL_ID), { recursive: true });
    await writeFile(`${target(CONSTANTS)}.checkpoint.pt`, ptBytes);
    await download();
    expect(server.requests.filter((r) => r.method === 'GET').map((r) => r.path)).toEqual(['first.onnx', 'second.onnx']);
    expect((await readdir(join(modelsDir, TINY_MODEL_ID))).sort()).toEqual(['first.onnx', 'sam2_constants.onnx', 'second.onnx']);
    expect([...(await installedConstants()).noObjPtr]).toEqual(fake.values.no_obj_ptr.values);
  });

  it('says a download that is no checkpoint cannot make the file, and keeps neither', async () => {
    server.files.set(CHECKPOINT, files.get('first.onnx')!);
    const error = await failure(download());
    expect(error.message).toMatch(
      new RegExp(`^Cannot make sam2_constants\\.onnx from ${url.replaceAll('.', '\\.')}: .*sam2_constants\\.onnx\\.checkpoint\\.pt is not a zip archive`),
    );
    expect((await readdir(join(modelsDir, TINY_MODEL_ID))).sort()).toEqual(['first.onnx', 'second.onnx']);
  });

  it('refuses a new checkpoint whose constants differ from the graph pinned at the first download', async () => {
    await download();
    const first = sha(await readFile(target(CONSTANTS)));
    await rm(target(CONSTANTS));
    server.files.set(CHECKPOINT, checkpointBytes(fakeSam2Checkpoint(7)));
    const error = await failure(download());
    expect(error.message).toMatch(new RegExp(`^sam2_constants\\.onnx made from .* has sha256 [0-9a-f]{64}, expected ${first}$`));
    expect(existsSync(target(CONSTANTS))).toBe(false);
  });

  it('imports a local checkpoint as the constants graph, alone or in a folder by its name', async () => {
    const pt = join(dir, 'downloads', 'my-sam2.pt');
    await writeTinyModel(model, join(dir, 'downloads'));
    await writeFile(pt, ptBytes);
    const alone = await service.importModel(TINY_MODEL_ID, pt);
    expect(alone.modules?.map((m) => [m.file, m.sizeBytes !== null])).toEqual([
      ['first.onnx', false],
      ['second.onnx', false],
      [CONSTANTS, true],
    ]);
    const pins = JSON.parse(await readFile(join(modelsDir, 'pins.json'), 'utf8')).pins;
    expect(pins[`${TINY_MODEL_ID}/${CONSTANTS}`].source).toBe(pt);

    await service.removeModel(TINY_MODEL_ID);
    const folder = join(dir, 'downloads');
    await writeFile(join(folder, CHECKPOINT), ptBytes);
    expect(await service.importModel(TINY_MODEL_ID, folder)).toMatchObject({ state: 'installed', pinned: true });
    expect([...(await installedConstants()).noObjEmbedSpatial]).toEqual(fake.values.no_obj_embed_spatial.values);
    expect((await readdir(join(modelsDir, TINY_MODEL_ID))).sort()).toEqual(['first.onnx', 'sam2_constants.onnx', 'second.onnx']);
  });

  it('refuses a checkpoint whose pickle would run code, changing nothing', async () => {
    const evil = join(dir, 'evil.pt');
    const pickle = new PickleWriter().global('os', 'system').unicode('id').op(0x85, 0x52).finish();
    await writeFile(evil, checkpointBytes({ ...fake, pickle }));
    const error = await failure(service.importModel(TINY_MODEL_ID, evil));
    expect(error.message).toMatch(
      /^Cannot import Tiny Test Model; nothing was changed:\nsam2_constants\.onnx \(constants\) from .*evil\.pt: evil\.pt \(sam2\.1_hiera_tiny\/data\.pkl\): forbidden global os\.system/,
    );
    expect(existsSync(join(modelsDir, TINY_MODEL_ID))).toBe(false);
  });
});
