/**
 * Downloading SAM2Matting heads through the model manager, from a local server holding the heads twin's
 * checkpoint: the licence gate (refused until its non-commercial licence is accepted), the pinned
 * checkpoint hash, and a folder that keeps only the heads graph and the tracker fingerprint.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ModelManifest, ModelSpec } from '../../shared/models';
import { sharedFile, SHARED_DATA_TAG } from '../../testing/paths';
import { trackerFingerprint } from '../models/checkpoint/tracker-fingerprint';
import { FINGERPRINT_FILE } from '../models/fingerprint-record';
import { requireLicenceAccepted } from '../models/licence';
import { loadManifest, modelDir } from '../models/manifest';
import { startFileServer, type FileServer } from '../models/testing/file-server';
import { writeManifest } from '../models/testing/tiny-model';
import { createJobWaiter, type JobWaiter } from './job-waiter';
import { JobRunner } from './jobs';
import { ModelService } from './model-service';

const HEADS = 'sam2matting-sam2.1-tiny';
const HEADS_TWIN = sharedFile('sam2matting-heads-twin', 'sam2matting_twin.pt');
const CHECKPOINT = 'SAM2Matting-SAM2.1Tiny.pt';

let server: FileServer;
let dir: string;
let bytes: Uint8Array;
let waiter: JobWaiter;
let service: ModelService;

/** The shipped manifest's SAM 2.1 Tiny and its heads, the checkpoint served from 127.0.0.1 with the given hash. */
async function serviceFor(sha256: string): Promise<ModelService> {
  const shipped = await loadManifest();
  const heads = shipped.models.find((m) => m.id === HEADS)!;
  const checkpoint = `${server.baseUrl}/${CHECKPOINT}`;
  const local: ModelSpec = { ...heads, modules: { heads: { ...heads.modules.heads, url: checkpoint, source: { ...heads.modules.heads.source!, checkpoint, sha256 } } } };
  const manifest: ModelManifest = { ...shipped, executionProviders: ['cpu'], models: [shipped.models.find((m) => m.id === heads.tracker)!, local] };
  const manifestPath = await writeManifest(manifest, join(dir, `manifest-${sha256.slice(0, 8)}.json`));
  return new ModelService({ jobs: new JobRunner(waiter.emit), emit: waiter.emit, modelsDir: join(dir, 'models'), manifestPath });
}

beforeAll(async () => {
  bytes = await readFile(HEADS_TWIN).catch(() => new Uint8Array());
  server = await startFileServer(new Map([[CHECKPOINT, bytes]]));
});

afterAll(() => server.close());

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-heads-download-'));
  server.requests = [];
  waiter = createJobWaiter();
  service = await serviceFor(createHash('sha256').update(bytes).digest('hex'));
  return () => rm(dir, { recursive: true, force: true });
});

describe('SAM2Matting heads download', { tags: [SHARED_DATA_TAG] }, () => {
  it('shows the licence, and refuses to start until exactly that licence is accepted', async () => {
    const status = (await service.listModels()).find((m) => m.id === HEADS)!;
    expect(status).toMatchObject({
      licence: 'CC BY-NC 4.0',
      licenceUrl: 'https://creativecommons.org/licenses/by-nc/4.0/',
      requiresLicenceAcceptance: true,
      download: { bytes: 215_569_778 },
    });
    const refusal =
      'SAM2Matting (SAM 2.1 Tiny) is licensed under CC BY-NC 4.0 (https://creativecommons.org/licenses/by-nc/4.0/): non-commercial use only. ' +
      'Accept its licence before downloading it: tick "I accept" in the Models panel, or pass the licence ("CC BY-NC 4.0") as downloadModel\'s acceptedLicence.';
    for (const accepted of [undefined, '', 'CC BY 4.0', 'yes']) {
      await expect(service.downloadModel(HEADS, accepted)).rejects.toMatchObject({ kind: 'licence', message: refusal });
    }
    expect(server.requests).toEqual([]);
    // SAM 2.1 itself (Apache-2.0) needs none.
    const sam2 = (await loadManifest()).models.find((m) => m.id === 'sam2.1-hiera-tiny')!;
    expect(() => requireLicenceAccepted(sam2, undefined)).not.toThrow();
  });

  it('downloads the accepted checkpoint, builds the heads graph, records its tracker fingerprint and keeps no checkpoint', async () => {
    const { jobId } = await service.downloadModel(HEADS, 'CC BY-NC 4.0');
    await waiter.wait(jobId);
    const folder = modelDir(service.modelsDir, HEADS);
    expect((await readdir(folder)).sort()).toEqual(['sam2matting_heads.onnx', FINGERPRINT_FILE]);
    const status = (await service.listModels()).find((m) => m.id === HEADS)!;
    expect(status).toMatchObject({ state: 'installed', pinned: true });
    const record = JSON.parse(await readFile(join(folder, FINGERPRINT_FILE), 'utf8'));
    // The heads twin holds the SAM 2.1 twin's tracker, byte for byte.
    expect(record).toMatchObject({
      checkpoint: CHECKPOINT,
      file: 'sam2matting_heads.onnx',
      fingerprint: await trackerFingerprint(sharedFile('sam2-twin', 'slim', 'sam2.1_hiera_tiny_twin.pt')),
    });
    expect(record.fileSha256).toBe(status.modules![0].sha256);
  });

  it('refuses a checkpoint whose hash is not the pinned one, keeping nothing', async () => {
    service = await serviceFor('0'.repeat(64));
    const { jobId } = await service.downloadModel(HEADS, 'CC BY-NC 4.0');
    await expect(waiter.wait(jobId)).rejects.toThrow(
      `Downloaded sam2matting_heads.onnx.checkpoint.pt has sha256 ${createHash('sha256').update(bytes).digest('hex')}, expected ${'0'.repeat(64)}`,
    );
    expect(await readdir(modelDir(service.modelsDir, HEADS)).catch(() => [])).toEqual([]);
  });
});
