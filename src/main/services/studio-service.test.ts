import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../shared/api';
import { DEMO, demoAlpha, demoCentre, writeDemoClip } from '../../cli/demo-clip';
import { meanIoU } from '../imaging/iou';
import { readImageGray } from '../media/image-file';
import { createJobWaiter } from './job-waiter';
import { StudioService } from './studio-service';

let dir: string;
let clip: string;
const waiter = createJobWaiter();
const service = new StudioService({ emit: waiter.emit, modelsDir: '/nonexistent/models' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-service-'));
  clip = await writeDemoClip(join(dir, 'clip.mp4'));
});

afterAll(async () => {
  service.close();
  await rm(dir, { recursive: true, force: true });
});

async function openWithClick() {
  const { mediaId, info } = await service.openMedia(clip);
  const object = await service.createObject(mediaId);
  const { x, y } = demoCentre(0);
  const mask = await service.setPrompts(mediaId, object.objectId, 0, [{ kind: 'point', x, y, positive: true }]);
  return { mediaId, info, objectId: object.objectId, mask };
}

describe('StudioService on the generated clip', () => {
  it('reports the engine and why it falls back', async () => {
    const info = await service.getEngineInfo();
    expect(info.tracker).toMatch(/classic/i);
    expect(info.fallbackReason).toContain('/nonexistent/models');
    expect(info.models.every((m) => m.state === 'missing')).toBe(true);
  });

  it('tracks a clicked object through the clip and mattes it', async () => {
    const { mediaId, info, objectId, mask } = await openWithClick();
    expect(info).toMatchObject({ width: DEMO.width, height: DEMO.height, frameCount: DEMO.frames, fps: { num: 30000, den: 1001 }, hasAudio: true });
    expect(mask?.present).toBe(true);
    expect(await service.getPrompts(mediaId, objectId, 0)).toHaveLength(1);

    const events: JobEvent[] = [];
    const { jobId } = await service.propagate(mediaId, { direction: 'forward' });
    await waiter.wait(jobId, (e) => events.push(e));
    const frames = events.filter((e) => e.type === 'frame').map((e) => (e as { frame: number }).frame);
    expect(new Set(frames).size).toBe(DEMO.frames);
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    const [summary] = await service.listObjects(mediaId);
    expect(summary).toMatchObject({ promptFrames: [0] });
    expect(summary.trackedFrames).toHaveLength(DEMO.frames);

    const checked = [0, 12, 24, 36, 47];
    const mattes = await Promise.all(checked.map((f) => service.getMatte(mediaId, f)));
    expect(meanIoU(mattes, checked.map(demoAlpha))).toBeGreaterThan(0.85);
    // A matte, not a mask: soft values exist along the edge and nowhere far from it.
    const soft = mattes[2].data.filter((a) => a > 10 && a < 245).length;
    expect(soft).toBeGreaterThan(50);
    expect(soft).toBeLessThan(0.1 * DEMO.width * DEMO.height);
  });

  it('exports a matte pass over a range, and a cancelled export leaves nothing', async () => {
    const { mediaId } = await openWithClick();
    const outDir = join(dir, 'matte');
    const { jobId } = await service.exportMatte({ mediaId, format: 'matte', outputPath: outDir, rangeStart: 0, rangeEnd: 2 });
    const result = await waiter.wait(jobId);
    expect(result?.frames).toBe(3);
    const files = (await readdir(outDir)).sort();
    expect(files).toHaveLength(3);
    const written = await readImageGray(join(outDir, files[0]));
    const expected = await service.getMatte(mediaId, 0);
    expect(meanIoU([written], [expected])).toBeGreaterThan(0.98);

    const cancelledDir = join(dir, 'cancelled');
    const second = await service.exportMatte({ mediaId, format: 'png', outputPath: cancelledDir });
    await service.cancelJob(second.jobId);
    await expect(waiter.wait(second.jobId)).rejects.toThrow(/Cancelled/);
    await expect(readdir(cancelledDir)).rejects.toThrow();
  });

  it('gives clear errors for bad input and keeps the prompts it had', async () => {
    const junk = join(dir, 'junk.mp4');
    await writeFile(junk, 'this is not a video');
    await expect(service.openMedia(junk)).rejects.toThrow(/junk\.mp4/);
    await expect(service.openMedia(join(dir, 'absent.mov'))).rejects.toThrow(/absent\.mov/);

    const { mediaId, objectId } = await openWithClick();
    await expect(service.setPrompts(mediaId, objectId, DEMO.frames, [])).rejects.toThrow(/out of range/);
    await expect(service.setPrompts(mediaId, objectId, 0, [{ kind: 'point', x: -5, y: 10, positive: true }])).rejects.toThrow(/outside/);
    expect(await service.getPrompts(mediaId, objectId, 0)).toHaveLength(1);
    await expect(service.getFrame(mediaId, -1)).rejects.toThrow(/out of range/);
    await expect(service.getFrame('no-such-clip', 0)).rejects.toThrow(/not open/);
    await expect(service.propagate(mediaId, { direction: 'forward', objectIds: [99] })).rejects.toThrow(/Object 99/);
  });
});
