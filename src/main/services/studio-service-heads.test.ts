/**
 * An ONNX matting head in the app opens like the SAM 2.1 modules and the paper's heads: through the model
 * manager's runner (pins checked, a worker thread, its provider in the engine info), never a session of its own.
 */
import { appendFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../shared/models';
import { demoCentre, writeDemoClip } from '../../cli/demo-clip';
import { MATTING_MODULE } from '../engine/matting/onnx-head';
import { vitmatteDouble } from '../engine/matting/testing/vitmatte-double';
import { loadManifest, modelDir } from '../models/manifest';
import { createJobWaiter } from './job-waiter';
import { StudioService } from './studio-service';

let dir: string;
let clip: string;
let vitmatte: ModelSpec;
let service: StudioService;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-service-heads-'));
  clip = await writeDemoClip(join(dir, 'clip.mp4'));
  vitmatte = (await loadManifest()).models.find((m) => m.family === 'matting-head')!;
  const source = join(dir, 'download');
  await mkdir(source);
  await vitmatteDouble(vitmatte.modules[MATTING_MODULE]).write(join(source, vitmatte.modules[MATTING_MODULE].file));
  service = new StudioService({ emit: createJobWaiter().emit, modelsDir: join(dir, 'models') });
  expect(await service.importModel(vitmatte.id, source)).toMatchObject({ state: 'installed', pinned: true });
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

async function matteWithHead(studio = service, head = vitmatte.id): Promise<Awaited<ReturnType<StudioService['getMatte']>>> {
  const { mediaId } = await studio.openMedia(clip);
  const { objectId } = await studio.createObject(mediaId);
  const { x, y } = demoCentre(0);
  await studio.setPrompts(mediaId, objectId, 0, [{ kind: 'point', x, y, positive: true }]);
  await studio.updateSettings(mediaId, { head });
  return studio.getMatte(mediaId, 0);
}

describe('an ONNX matting head in the app', () => {
  it('opens through the model manager: in a worker, its provider in the engine info', async () => {
    expect((await service.getEngineInfo()).providers[MATTING_MODULE]).toBeUndefined();
    const matte = await matteWithHead();
    expect(matte.source).toMatchObject({ head: vitmatte.id, headName: `${vitmatte.title} (ONNX, cpu)`, quality: 'preview' });
    expect(matte.data.some((v) => v > 0 && v < 255)).toBe(true);
    expect((await service.getEngineInfo()).providers[MATTING_MODULE]).toBe('cpu');
  });

  it('refuses a model file changed since it was pinned, saying why', async () => {
    const file = join(modelDir(join(dir, 'models'), vitmatte.id), vitmatte.modules[MATTING_MODULE].file);
    await appendFile(file, Uint8Array.of(0));
    await expect(matteWithHead()).rejects.toThrow(/cannot run: [\s\S]*the file changed since it was checked: its sha256 is [0-9a-f]{64}, but it was pinned/);
  });

  it('is looked up in the manifest the app was configured with, not the shipped one', async () => {
    const own = { ...vitmatte, id: 'studio-vitmatte', title: 'Studio ViTMatte' };
    const manifestPath = join(dir, 'own-manifest.json');
    await writeFile(manifestPath, JSON.stringify({ ...(await loadManifest()), models: [own] }));
    const studio = new StudioService({ emit: createJobWaiter().emit, modelsDir: join(dir, 'own-models'), manifestPath });
    try {
      await studio.importModel(own.id, join(dir, 'download'));
      expect((await studio.getEngineInfo()).heads).toContainEqual({ id: own.id, title: own.title, available: true, reason: null });
      expect((await matteWithHead(studio, own.id)).source).toMatchObject({ head: own.id, headName: `${own.title} (ONNX, cpu)` });
    } finally {
      await studio.close();
    }
  });
});
