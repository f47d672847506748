/**
 * Masks are a cache that agrees with the prompts: a seeded walk of random edits, undos, redos and
 * propagations, checked against fresh services that propagate the current prompts. Prompts are imported
 * masks, so a keyframe's mask depends on its prompts only (a click's would also depend on the mask it
 * corrected). A fresh frame between two keyframes was tracked forward from the one before or backward
 * from the one after (the last correction decides which), so it must equal one of the fresh services'
 * two masks, pixel for pixel; a stale frame is flagged and may be anything; a frame without a mask never
 * sits between tracked frames of its span.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectSummary } from '../../shared/api';
import type { PropagateDirection, PropagateRequest } from '../../shared/engine';
import type { Prompt } from '../../shared/prompts';
import { DEMO, demoAlpha, demoCentre, writeDemoClip } from '../../cli/demo-clip';
import { createJobWaiter } from './job-waiter';
import { StudioService } from './studio-service';

/** WALK_SEED replays another walk. */
const SEED = Number(process.env.WALK_SEED ?? 14);
const STEPS = 60;
const CHECK_EVERY = 15;

let dir: string;
let clip: string;
const waiter = createJobWaiter();
const service = new StudioService({ emit: waiter.emit, modelsDir: '/nonexistent/models' });
const ALL = [...Array(DEMO.frames).keys()];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-walk-'));
  clip = await writeDemoClip(join(dir, 'clip.mp4'));
});

afterAll(async () => {
  await service.close();
  await rm(dir, { recursive: true, force: true });
});

/** mulberry32: a small seeded generator, so a failing walk can be replayed. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digest = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function run(target: StudioService, mediaId: string, request: PropagateRequest): Promise<void> {
  await waiter.wait((await target.propagate(mediaId, request)).jobId);
}

async function maskDigests(target: StudioService, mediaId: string, objectId: number): Promise<(string | null)[]> {
  return Promise.all(
    ALL.map(async (f) => {
      const mask = await target.getMask(mediaId, objectId, f);
      return mask && digest(mask.mask.data);
    }),
  );
}

/** An untracked frame with tracked frames on both sides between the keyframes around it. */
function holes(object: ObjectSummary): number[] {
  const key = new Set(object.promptFrames);
  const masked = new Set(object.trackedFrames);
  const tracked = (from: number, step: 1 | -1) => {
    for (let f = from; f >= 0 && f < DEMO.frames && !key.has(f); f += step) if (masked.has(f)) return true;
    return false;
  };
  return ALL.filter((f) => !masked.has(f) && !key.has(f) && tracked(f - 1, -1) && tracked(f + 1, 1));
}

/** What must hold after every step: keyframes have masks, stale frames are tracked non-keyframes, no holes, no orphans. */
function checkStructure(objects: ObjectSummary[], log: string[]): void {
  for (const o of objects) {
    const where = `object ${o.objectId} after ${log.join(' | ')}`;
    const tracked = new Set(o.trackedFrames);
    expect(
      o.promptFrames.filter((f) => !tracked.has(f)),
      `keyframes without a mask, ${where}`,
    ).toEqual([]);
    expect(
      o.staleFrames.filter((f) => !tracked.has(f) || o.promptFrames.includes(f)),
      `stale frames that are keyframes or untracked, ${where}`,
    ).toEqual([]);
    if (!o.promptFrames.length) expect(o.trackedFrames, `masks without prompts, ${where}`).toEqual([]);
    expect(holes(o), `holes, ${where}`).toEqual([]);
  }
}

/**
 * Every keyframe's mask equals a fresh service's, every fresh frame's equals the fresh services' tracked
 * forward or backward from the current prompts. Returns how many frames it compared.
 */
async function checkAgainstFresh(mediaId: string, log: string[]): Promise<number> {
  const fresh = new StudioService({ emit: waiter.emit, modelsDir: '/nonexistent/models' });
  let compared = 0;
  try {
    for (const o of await service.listObjects(mediaId)) {
      if (!o.promptFrames.length) continue;
      const shown = await maskDigests(service, mediaId, o.objectId);
      const derived = async (direction: PropagateDirection) => {
        const opened = await fresh.openMedia(clip);
        const { objectId } = await fresh.createObject(opened.mediaId);
        for (const f of o.promptFrames) await fresh.setPrompts(opened.mediaId, objectId, f, await service.getPrompts(mediaId, o.objectId, f));
        await run(fresh, opened.mediaId, { direction });
        return maskDigests(fresh, opened.mediaId, objectId);
      };
      const [forward, backward] = [await derived('forward'), await derived('backward')];
      const stale = new Set(o.staleFrames);
      for (const f of ALL) {
        const where = `object ${o.objectId} frame ${f} after ${log.join(' | ')}`;
        if (o.promptFrames.includes(f)) expect(shown[f], `keyframe, ${where}`).toBe(forward[f]);
        else if (shown[f] !== null && !stale.has(f)) expect([forward[f], backward[f]], `fresh frame, ${where}`).toContain(shown[f]);
        else continue;
        compared++;
      }
    }
  } finally {
    await fresh.close();
  }
  return compared;
}

describe('masks agree with the prompts through random edits, undos, redos and propagations', () => {
  it(`walks ${STEPS} seeded steps (seed ${SEED}) and checks every shown mask`, { timeout: 600_000 }, async () => {
    const random = seeded(SEED);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    /** The disc as it is on another frame nearby: a correction the tracker must carry. */
    const prompts = (frame: number): Prompt[] => {
      const shifted = Math.min(DEMO.frames - 1, Math.max(0, frame + Math.round((random() - 0.5) * 16)));
      const mask: Prompt = { kind: 'mask', width: DEMO.width, height: DEMO.height, data: demoAlpha(shifted).data };
      return random() < 0.3 ? [mask, { kind: 'point', ...demoCentre(frame), positive: random() < 0.5 }] : [mask];
    };
    const { mediaId } = await service.openMedia(clip);
    const log: string[] = [];
    let lastEdited: { objectId: number; frame: number } | null = null;
    let compared = 0;

    for (let step = 1; step <= STEPS; step++) {
      const objects = await service.listObjects(mediaId);
      const prompted = objects.filter((o) => o.promptFrames.length > 0);
      const r = random();
      if (!objects.length || r < 0.06) {
        const { objectId } = await service.createObject(mediaId);
        log.push(`create ${objectId}`);
      } else if (r < 0.36) {
        const { objectId } = pick(objects);
        const frame = Math.floor(random() * DEMO.frames);
        await service.setPrompts(mediaId, objectId, frame, prompts(frame));
        lastEdited = { objectId, frame };
        log.push(`prompt ${objectId}@${frame}`);
      } else if (r < 0.44 && prompted.length) {
        const { objectId, promptFrames } = pick(prompted);
        const frame = pick(promptFrames);
        await service.setPrompts(mediaId, objectId, frame, []);
        lastEdited = { objectId, frame };
        log.push(`clear ${objectId}@${frame}`);
      } else if (r < 0.48) {
        const { objectId } = pick(objects);
        await service.removeObject(mediaId, objectId);
        log.push(`remove ${objectId}`);
      } else if (r < 0.73) {
        const undo = r < 0.63;
        const step = undo ? await service.undo(mediaId) : await service.redo(mediaId);
        if (step?.frame !== undefined && step.objectId !== undefined) lastEdited = { objectId: step.objectId, frame: step.frame };
        log.push(`${undo ? 'undo' : 'redo'} ${step?.label ?? '(nothing)'}`);
      } else if (r < 0.85 && prompted.length) {
        const direction = pick(['forward', 'backward', 'both'] as const);
        await run(service, mediaId, { direction });
        log.push(`propagate ${direction}`);
      } else if (lastEdited && prompted.some((o) => o.objectId === lastEdited!.objectId)) {
        // What the editor does on its own a moment after a correction.
        await run(service, mediaId, { direction: 'both', objectIds: [lastEdited.objectId], startFrame: lastEdited.frame, correction: true });
        log.push(`re-track ${lastEdited.objectId}@${lastEdited.frame}`);
      } else continue;
      checkStructure(await service.listObjects(mediaId), log);
      if (step % CHECK_EVERY === 0) compared += await checkAgainstFresh(mediaId, log);
    }

    // Settled: propagating both ways leaves nothing stale, and every mask then agrees with the prompts.
    if ((await service.listObjects(mediaId)).some((o) => o.promptFrames.length)) await run(service, mediaId, { direction: 'both' });
    log.push('propagate both (settle)');
    const settled = await service.listObjects(mediaId);
    checkStructure(settled, log);
    expect(settled.flatMap((o) => o.staleFrames)).toEqual([]);
    compared += await checkAgainstFresh(mediaId, log);
    expect(compared).toBeGreaterThan(100);
  });
});
