/** Corrections reach both ways, and undo keeps masks a cache of the prompts: the service's track state on the demo clip (classic tracker). */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../shared/api';
import type { PropagateRequest } from '../../shared/engine';
import type { Prompt } from '../../shared/prompts';
import { DEMO, demoCentre, writeDemoClip } from '../../cli/demo-clip';
import { createJobWaiter } from './job-waiter';
import { StudioService } from './studio-service';

let dir: string;
let clip: string;
const waiter = createJobWaiter();
const service = new StudioService({ emit: waiter.emit, modelsDir: '/nonexistent/models' });
const ALL = [...Array(DEMO.frames).keys()];
const between = (from: number, to: number) => ALL.filter((f) => f >= from && f <= to);

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-track-'));
  clip = await writeDemoClip(join(dir, 'clip.mp4'));
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

const click = (frame: number): Prompt[] => [{ kind: 'point', ...demoCentre(frame), positive: true }];

/** A box region well away from the disc: an imported mask the tracker then carries, so re-tracked frames visibly change. */
function elsewhere(): Prompt[] {
  const data = new Uint8Array(DEMO.width * DEMO.height);
  for (let y = 20; y < 120; y++) data.fill(255, y * DEMO.width + 500, y * DEMO.width + 620);
  return [{ kind: 'mask', width: DEMO.width, height: DEMO.height, data }];
}

async function tracked() {
  const { mediaId } = await service.openMedia(clip);
  const { objectId } = await service.createObject(mediaId);
  await service.setPrompts(mediaId, objectId, 0, click(0));
  await propagate(mediaId, { direction: 'forward' });
  return { mediaId, objectId };
}

/** Runs a propagation; what it said it would track (its progress total) and the frames it reported. */
async function propagate(mediaId: string, request: PropagateRequest) {
  const events: JobEvent[] = [];
  await waiter.wait((await service.propagate(mediaId, request)).jobId, (e) => events.push(e));
  const progress = events.find((e) => e.type === 'progress');
  return { total: progress?.type === 'progress' ? progress.total : -1, frames: events.flatMap((e) => (e.type === 'frame' ? [e.frame] : [])) };
}

/** Every frame's mask as a digest of its bytes (null: no mask): equal digests, equal pixels (and quick to compare). */
async function masks(mediaId: string, objectId: number): Promise<(string | null)[]> {
  return Promise.all(
    ALL.map(async (f) => {
      const mask = await service.getMask(mediaId, objectId, f);
      return mask && createHash('sha256').update(mask.mask.data).digest('hex');
    }),
  );
}

async function summary(mediaId: string, objectId: number) {
  return (await service.listObjects(mediaId)).find((o) => o.objectId === objectId)!;
}

describe('corrections reach both ways', () => {
  it('a correction makes its span stale both ways; backward re-tracks the frames before it, forward those after', async () => {
    const { mediaId, objectId } = await tracked();
    const before = await masks(mediaId, objectId);
    await service.setPrompts(mediaId, objectId, 30, elsewhere());
    expect((await summary(mediaId, objectId)).staleFrames).toEqual([...between(1, 29), ...between(31, 47)]);

    const backward = await propagate(mediaId, { direction: 'backward' });
    expect(backward.total).toBe(29);
    expect(backward.frames.sort((a, b) => a - b)).toEqual(between(1, 30));
    const after = await masks(mediaId, objectId);
    // Frame 29 now follows the region corrected on 30, not the disc; frame 0, a keyframe, is as it was.
    expect(after[29]).not.toBe(before[29]);
    expect(after[0]).toBe(before[0]);
    expect((await summary(mediaId, objectId)).staleFrames).toEqual(between(31, 47));

    // Nothing is stale backward any more; forward re-tracks the 17 frames after the correction only.
    expect((await propagate(mediaId, { direction: 'backward' })).total).toBe(0);
    expect((await propagate(mediaId, { direction: 'forward' })).total).toBe(17);
    expect((await summary(mediaId, objectId)).staleFrames).toEqual([]);
  });

  it('a correction job re-tracks its stale span between the neighbouring keyframes, both ways', async () => {
    const { mediaId, objectId } = await tracked();
    await service.setPrompts(mediaId, objectId, 40, click(40));
    await service.setPrompts(mediaId, objectId, 20, elsewhere());
    expect((await summary(mediaId, objectId)).staleFrames).toEqual([...between(1, 19), ...between(21, 39), ...between(41, 47)]);
    const job = await propagate(mediaId, { direction: 'both', startFrame: 20, correction: true });
    expect(job.total).toBe(38);
    expect((await summary(mediaId, objectId)).staleFrames).toEqual(between(41, 47));
  });
});

describe('track integrity', () => {
  it('frames a job tracks after prompts changed under it stay stale', async () => {
    const { mediaId } = await service.openMedia(clip);
    const { objectId } = await service.createObject(mediaId);
    await service.setPrompts(mediaId, objectId, 0, click(0));
    let correction: Promise<unknown> | null = null;
    const { jobId } = await service.propagate(mediaId, { direction: 'forward' });
    await waiter.wait(jobId, (e) => {
      if (e.type === 'frame' && e.frame >= 5) correction ??= service.setPrompts(mediaId, objectId, 1, elsewhere());
    });
    await correction;
    // The correction on 1 makes 2.. stale up to where the job was; the job tracked the rest from the old prompts.
    expect(await summary(mediaId, objectId)).toMatchObject({ promptFrames: [0, 1], trackedFrames: ALL, staleFrames: between(2, 47) });
  });

  it('undoing a correction puts back the exact masks, redoing it the re-tracked ones: never a hole', async () => {
    const { mediaId, objectId } = await tracked();
    const before = await masks(mediaId, objectId);
    await service.setPrompts(mediaId, objectId, 24, elsewhere());
    await propagate(mediaId, { direction: 'both', startFrame: 24, correction: true });
    const corrected = await masks(mediaId, objectId);
    expect(corrected.filter((m, f) => m !== before[f]).length).toBeGreaterThan(20);

    await service.undo(mediaId);
    expect(await masks(mediaId, objectId)).toEqual(before);
    expect(await summary(mediaId, objectId)).toMatchObject({ promptFrames: [0], staleFrames: [] });
    await service.redo(mediaId);
    expect(await masks(mediaId, objectId)).toEqual(corrected);
    expect(await summary(mediaId, objectId)).toMatchObject({ promptFrames: [0, 24], staleFrames: [] });
  });

  it('clearing prompts leaves stale masks to re-track from the keyframes left, or none when no keyframe is left', async () => {
    const { mediaId, objectId } = await tracked();
    const first = await masks(mediaId, objectId);
    await service.setPrompts(mediaId, objectId, 20, elsewhere());
    await propagate(mediaId, { direction: 'both', startFrame: 20, correction: true });
    await service.setPrompts(mediaId, objectId, 20, []);
    // Frame 20 keeps its mask, stale like every frame it made: no gap in the lane.
    expect(await summary(mediaId, objectId)).toMatchObject({ promptFrames: [0], trackedFrames: ALL, staleFrames: between(1, 47) });
    expect((await propagate(mediaId, { direction: 'forward' })).total).toBe(47);
    expect(await masks(mediaId, objectId)).toEqual(first);

    await service.setPrompts(mediaId, objectId, 0, []);
    expect(await summary(mediaId, objectId)).toMatchObject({ promptFrames: [], trackedFrames: [], staleFrames: [] });
    await expect(service.propagate(mediaId, { direction: 'forward' })).rejects.toThrow(/Nothing to propagate/);
    await service.undo(mediaId);
    expect(await masks(mediaId, objectId)).toEqual(first);
  });

  it("undoing an object's removal restores its masks and stale frames exactly", async () => {
    const { mediaId, objectId } = await tracked();
    await service.setPrompts(mediaId, objectId, 30, elsewhere());
    const kept = await masks(mediaId, objectId);
    const { staleFrames } = await summary(mediaId, objectId);
    await service.removeObject(mediaId, objectId);
    await service.undo(mediaId);
    expect(await masks(mediaId, objectId)).toEqual(kept);
    expect((await summary(mediaId, objectId)).staleFrames).toEqual(staleFrames);
    await service.redo(mediaId);
    expect(await service.listObjects(mediaId)).toEqual([]);
  });
});
