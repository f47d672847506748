/** The app's path to SAM 2.1: a clip opened with an installed model runs the SAM2 tracker through the model manager. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../shared/api';
import { demoCentre, DEMO, writeDemoClip } from '../../cli/demo-clip';
import { loadManifest, modelDir } from '../models/manifest';
import { doubleModelSpec, writeDoubleModel } from '../models/testing/sam2-double-model';
import { createJobWaiter } from './job-waiter';
import { StudioService } from './studio-service';

let dir: string;
let clip: string;
let service: StudioService;
const waiter = createJobWaiter();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-service-sam2-'));
  clip = await writeDemoClip(join(dir, 'clip.mp4'));
  const shipped = await loadManifest();
  const tiny = doubleModelSpec(shipped.models.find((m) => m.family === 'sam2-tracker')!);
  const manifestPath = join(dir, 'manifest.json');
  await writeFile(manifestPath, JSON.stringify({ ...shipped, executionProviders: ['cpu'], models: [tiny] }));
  const modelsDir = join(dir, 'models');
  await writeDoubleModel(tiny, modelDir(modelsDir, tiny.id));
  service = new StudioService({ emit: waiter.emit, modelsDir, manifestPath });
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

describe('StudioService with a SAM 2.1 model installed', () => {
  it('tracks with SAM 2.1 in a worker, shows its providers, and propagates', async () => {
    const opened = await service.openMedia(clip);
    expect(opened.tracker).toEqual({ name: expect.stringMatching(/SAM 2\.1/), fallbackReason: null });
    const info = await service.getEngineInfo();
    expect(info.fallbackReason).toBeNull();
    expect(info.providers).toMatchObject({ image_encoder: 'cpu', memory_attention: 'cpu', mask_decoder: 'cpu' });

    const { objectId } = await service.createObject(opened.mediaId);
    const { x, y } = demoCentre(0);
    // What the viewer says while the first prompt on a frame waits: its image features are computed first.
    expect(await service.needsImageFeatures(opened.mediaId, 0)).toBe(true);
    const mask = await service.setPrompts(opened.mediaId, objectId, 0, [{ kind: 'point', x, y, positive: true }]);
    expect(mask).toMatchObject({ frame: 0, source: 'prompt' });
    expect(await service.needsImageFeatures(opened.mediaId, 0)).toBe(false);
    expect(await service.needsImageFeatures(opened.mediaId, 1)).toBe(true);
    const events: JobEvent[] = [];
    const { jobId } = await service.propagate(opened.mediaId, { direction: 'forward', range: { start: 0, end: 5 } });
    await waiter.wait(jobId, (e) => events.push(e));
    expect(events.filter((e) => e.type === 'frame').map((e) => (e as { frame: number }).frame)).toEqual([0, 1, 2, 3, 4, 5]);
    const [summary] = await service.listObjects(opened.mediaId);
    expect(summary.trackedFrames).toEqual([0, 1, 2, 3, 4, 5]);
    expect((await service.getMask(opened.mediaId, objectId, 3))?.mask.width).toBeLessThanOrEqual(DEMO.width);
  });

  it('undo puts back the exact masks of a correction and of a removed object on SAM 2.1 too', async () => {
    const { mediaId } = await service.openMedia(clip);
    const { objectId } = await service.createObject(mediaId);
    const click = (frame: number, positive = true) => [{ kind: 'point' as const, ...demoCentre(frame), positive }];
    // With the score: the doubles' random weights give masks that barely answer prompts, their scores do.
    const masks = () =>
      Promise.all(
        [0, 1, 2, 3, 4, 5].map(async (f) => {
          const m = await service.getMask(mediaId, objectId, f);
          return m && { score: m.score, present: m.present, data: Array.from(m.mask.data) };
        }),
      );
    await service.setPrompts(mediaId, objectId, 0, click(0));
    await waiter.wait((await service.propagate(mediaId, { direction: 'forward', range: { start: 0, end: 5 } })).jobId);
    const before = await masks();
    await service.setPrompts(mediaId, objectId, 3, [{ kind: 'box', x0: 0, y0: 0, x1: 200, y1: 120 }]);
    expect((await service.listObjects(mediaId))[0].staleFrames).toEqual([1, 2, 4, 5]);
    await waiter.wait((await service.propagate(mediaId, { direction: 'both', startFrame: 3, correction: true, range: { start: 0, end: 5 } })).jobId);
    expect((await service.listObjects(mediaId))[0].staleFrames).toEqual([]);
    const corrected = await masks();
    expect(corrected).not.toEqual(before);
    await service.undo(mediaId);
    expect(await masks()).toEqual(before);
    await service.redo(mediaId);
    expect(await masks()).toEqual(corrected);
    await service.removeObject(mediaId, objectId);
    await service.undo(mediaId);
    expect(await masks()).toEqual(corrected);
  });
});
