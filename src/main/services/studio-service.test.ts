import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobEvent } from '../../shared/api';
import { DEMO, demoAlpha, demoCentre, writeDemoClip } from '../../cli/demo-clip';
import { meanIoU } from '../imaging/iou';
import { readImageGray, readImageRgba } from '../media/image-file';
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
    // The classic tracker has no image encoder to wait for.
    expect(await service.needsImageFeatures(mediaId, 5)).toBe(false);

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

  it('propagates between the in and out points by default, and says so when an object has no keyframe there', async () => {
    const { mediaId, objectId } = await openWithClick();
    await service.updateSettings(mediaId, { inPoint: 0, outPoint: 9 });
    const { jobId } = await service.propagate(mediaId, { direction: 'forward' });
    await waiter.wait(jobId);
    const [summary] = await service.listObjects(mediaId);
    expect(summary.trackedFrames).toEqual([...Array(10).keys()]);

    await service.updateSettings(mediaId, { inPoint: 20, outPoint: 30 });
    await expect(service.propagate(mediaId, { direction: 'forward' })).rejects.toThrow(/no keyframe and no tracked frame between frames 20 and 30/);
    expect(await service.getPrompts(mediaId, objectId, 0)).toHaveLength(1);
  });

  it('re-propagates only the frames a correction influences', async () => {
    const { mediaId, objectId } = await openWithClick();
    const first = await service.propagate(mediaId, { direction: 'forward' });
    await waiter.wait(first.jobId);
    const before = await Promise.all([...Array(DEMO.frames).keys()].map((f) => service.getMask(mediaId, objectId, f)));
    // Keyframes on 0 and 30 bound the correction made on 10: it re-runs 1..29 only, in both directions.
    const { x, y } = demoCentre(30);
    await service.setPrompts(mediaId, objectId, 30, [{ kind: 'point', x, y, positive: true }]);
    const c = demoCentre(10);
    await service.setPrompts(mediaId, objectId, 10, [
      { kind: 'point', x: c.x, y: c.y, positive: true },
      { kind: 'point', x: c.x + 40, y: c.y, positive: false },
    ]);
    const events: JobEvent[] = [];
    const { jobId } = await service.propagate(mediaId, { direction: 'both', startFrame: 10, correction: true });
    await waiter.wait(jobId, (e) => events.push(e));
    const rerun = events
      .filter((e) => e.type === 'frame')
      .map((e) => (e as { frame: number }).frame)
      .sort((a, b) => a - b);
    expect(rerun).toEqual([...Array(29).keys()].map((i) => i + 1));
    const after = await Promise.all([...Array(DEMO.frames).keys()].map((f) => service.getMask(mediaId, objectId, f)));
    for (const f of [0, ...[...Array(17).keys()].map((i) => i + 31)]) expect(after[f]).toEqual(before[f]);
    const changed = rerun.filter((f) => f !== 10 && Buffer.compare(Buffer.from(after[f]!.mask.data), Buffer.from(before[f]!.mask.data)) !== 0);
    expect(changed.length).toBeGreaterThan(0);
  });

  it('exports a matte pass over a range, and a cancelled export leaves nothing', async () => {
    const { mediaId } = await openWithClick();
    const outDir = join(dir, 'matte');
    const { jobId } = await service.exportMatte({ mediaId, format: 'matte', outputPath: outDir, range: { start: 0, end: 2 } });
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

  it('exports with temporal stability: frames are held towards the previous one, the matte stays on the object', async () => {
    const { mediaId, objectId } = await openWithClick();
    const jobId = (await service.propagate(mediaId, { direction: 'forward', range: { start: 0, end: 6 } })).jobId;
    await waiter.wait(jobId);
    const exportFrames = async (name: string, temporalStability: number) => {
      await service.updateObject(mediaId, objectId, { matte: { temporalStability } });
      const outDir = join(dir, name);
      await waiter.wait((await service.exportMatte({ mediaId, format: 'matte', outputPath: outDir, range: { start: 0, end: 6 } })).jobId);
      return Promise.all((await readdir(outDir)).sort().map((f) => readImageGray(join(outDir, f))));
    };
    const plain = await exportFrames('plain', 0);
    const steady = await exportFrames('steady', 0.9);
    const change = (frames: typeof plain) => frames.slice(1).reduce((sum, f, i) => sum + f.data.reduce((s, v, j) => s + Math.abs(v - frames[i].data[j]), 0), 0);
    expect(steady[0].data).toEqual(plain[0].data);
    expect(change(steady)).toBeLessThan(change(plain));
    expect(
      meanIoU(
        steady,
        steady.map((_, f) => demoAlpha(f)),
      ),
    ).toBeGreaterThan(0.85);
  });

  it('exports the matte the viewer is shown, matte controls applied, and the colour they ask for', async () => {
    const { mediaId, objectId } = await openWithClick();
    await service.updateObject(mediaId, objectId, { matte: { grow: 4, decontamination: 0 } });
    const shown = await service.getMatte(mediaId, 0, undefined, 'final');
    const outDir = join(dir, 'grown');
    await waiter.wait((await service.exportMatte({ mediaId, format: 'matte', outputPath: outDir, range: { start: 0, end: 0 } })).jobId);
    const [file] = await readdir(outDir);
    expect((await readImageGray(join(outDir, file))).data).toEqual(shown.data);

    // Without decontamination a soft edge keeps the frame's own colour.
    const rgbaDir = join(dir, 'kept-colour');
    await waiter.wait((await service.exportMatte({ mediaId, format: 'png', outputPath: rgbaDir, range: { start: 0, end: 0 } })).jobId);
    const written = await readImageRgba(join(rgbaDir, (await readdir(rgbaDir))[0]));
    const frame = await service.getFrame(mediaId, 0);
    let soft = 0;
    for (let i = 0; i < shown.data.length; i++) {
      if (shown.data[i] === 0 || shown.data[i] === 255) continue;
      soft++;
      expect([...written.data.subarray(4 * i, 4 * i + 4)]).toEqual([...frame.data.subarray(4 * i, 4 * i + 3), shown.data[i]]);
    }
    expect(soft).toBeGreaterThan(50);
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

describe('StudioService edits, undo and redo', () => {
  const point = (frame: number, positive = true) => ({ kind: 'point' as const, ...demoCentre(frame), positive });

  it('undoes and redoes prompt edits through the tracker, with labels', async () => {
    const { mediaId, objectId } = await openWithClick();
    await service.setPrompts(mediaId, objectId, 12, [point(12)]);
    await service.setPrompts(mediaId, objectId, 12, [point(12), { kind: 'stroke', points: [10, 10, 30, 30], radius: 5, mode: 'subtract' }]);
    await service.setPrompts(mediaId, objectId, 12, []);
    expect(await service.getHistory(mediaId)).toEqual({ canUndo: true, canRedo: false, undoLabel: 'Delete keyframe 12', redoLabel: null });
    expect(await service.getMask(mediaId, objectId, 12)).toBeNull();

    const undone = await service.undo(mediaId);
    expect(undone).toMatchObject({ label: 'Delete keyframe 12', objectId, frame: 12, history: { undoLabel: 'Eraser stroke on frame 12', redoLabel: 'Delete keyframe 12' } });
    expect(await service.getPrompts(mediaId, objectId, 12)).toHaveLength(2);
    expect((await service.getMask(mediaId, objectId, 12))?.present).toBe(true);

    await service.undo(mediaId);
    await service.undo(mediaId);
    expect(await service.getPrompts(mediaId, objectId, 12)).toEqual([]);
    expect((await service.listObjects(mediaId))[0].promptFrames).toEqual([0]);
    expect((await service.redo(mediaId))?.label).toBe('Add point on frame 12');
    expect(await service.getPrompts(mediaId, objectId, 12)).toEqual([point(12)]);

    // A new edit forgets what could be redone.
    await service.setPrompts(mediaId, objectId, 20, [point(20)]);
    expect(await service.getHistory(mediaId)).toMatchObject({ canRedo: false, undoLabel: 'Add point on frame 20' });
    expect(await service.redo(mediaId)).toBeNull();
  });

  it('undoes deleting an object with its prompts and masks, and object edits', async () => {
    const { mediaId, objectId } = await openWithClick();
    const second = await service.createObject(mediaId);
    expect(second.color).not.toBe((await service.listObjects(mediaId))[0].color);
    await service.updateObject(mediaId, objectId, { name: 'Disc' });
    await service.removeObject(mediaId, objectId);
    expect((await service.listObjects(mediaId)).map((o) => o.objectId)).toEqual([second.objectId]);

    expect((await service.undo(mediaId))?.label).toBe('Delete Disc');
    const restored = (await service.listObjects(mediaId)).find((o) => o.objectId === objectId);
    expect(restored).toMatchObject({ name: 'Disc', promptFrames: [0], trackedFrames: [0] });
    expect((await service.getMask(mediaId, objectId, 0))?.present).toBe(true);
    expect((await service.undo(mediaId))?.label).toBe('Rename Object 1');
    expect((await service.listObjects(mediaId))[0].name).toBe('Object 1');
    expect((await service.undo(mediaId))?.label).toBe('Add Object 2');
    expect(await service.listObjects(mediaId)).toHaveLength(1);
    expect((await service.redo(mediaId))?.label).toBe('Add Object 2');
    expect((await service.listObjects(mediaId)).map((o) => o.name)).toEqual(['Object 1', 'Object 2']);
  });

  it('hides, recolours and locks objects; a locked object keeps its prompts', async () => {
    const { mediaId, objectId } = await openWithClick();
    const updated = await service.updateObject(mediaId, objectId, { color: '#33CC99', hidden: true, locked: true });
    expect(updated).toMatchObject({ color: '#33cc99', hidden: true, locked: true });
    await expect(service.setPrompts(mediaId, objectId, 0, [])).rejects.toThrow(/Object 1 is locked; unlock it/);
    expect(await service.getPrompts(mediaId, objectId, 0)).toHaveLength(1);
    await expect(service.updateObject(mediaId, objectId, { name: '' })).rejects.toThrow(/needs a name/);
    await expect(service.updateObject(mediaId, 42, { name: 'x' })).rejects.toThrow(/Object 42 does not exist/);
    expect((await service.undo(mediaId))?.label).toBe('Edit Object 1');
    expect((await service.listObjects(mediaId))[0]).toMatchObject({ hidden: false, locked: false });
  });

  it("gives an object a colour away from its subject's on its first prompt, undone with that prompt", async () => {
    const hueGap = (hex: string, degrees: number) => {
      const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
      const max = Math.max(r, g, b);
      const d = max - Math.min(r, g, b);
      const hue = ((max === r ? (g - b) / d : max === g ? (b - r) / d + 2 : (r - g) / d + 4) * 60 + 360) % 360;
      return Math.min(Math.abs(hue - degrees), 360 - Math.abs(hue - degrees));
    };
    const { mediaId } = await service.openMedia(clip);
    const { objectId, color: automatic } = await service.createObject(mediaId);
    const colour = async (id = objectId) => (await service.listObjects(mediaId)).find((o) => o.objectId === id)!.color;
    // The disc is red and orange (hues of 0 to 40 degrees), as is the first object's automatic coral.
    expect(hueGap(automatic, 20)).toBeLessThan(30);
    await service.setPrompts(mediaId, objectId, 0, [point(0)]);
    const recoloured = await colour();
    expect(hueGap(recoloured, 20)).toBeGreaterThan(150);
    // Later prompts keep it; undoing the first prompt takes the colour back with it, redo brings both.
    await service.setPrompts(mediaId, objectId, 5, [point(5)]);
    expect(await colour()).toBe(recoloured);
    await service.undo(mediaId);
    expect((await service.undo(mediaId))?.label).toBe('Add point on frame 0');
    expect(await colour()).toBe(automatic);
    await service.redo(mediaId);
    expect(await colour()).toBe(recoloured);
    // A colour the editor chose stays.
    const chosen = await service.createObject(mediaId);
    await service.updateObject(mediaId, chosen.objectId, { color: '#ff0000' });
    await service.setPrompts(mediaId, chosen.objectId, 0, [point(0)]);
    expect(await colour(chosen.objectId)).toBe('#ff0000');
  });

  it('gives each pixel to one object when objects are exclusive: masks, mattes and undo', async () => {
    const { mediaId, objectId } = await openWithClick();
    const { x, y } = demoCentre(0);
    const r = DEMO.radius + 10;
    const boxed = await service.createObject(mediaId);
    await service.setPrompts(mediaId, boxed.objectId, 0, [{ kind: 'box', x0: x - r, y0: y - r, x1: x + r, y1: y + r }]);
    const inside = async (id: number) => (await service.getMask(mediaId, id, 0))!.mask.data.map((v) => (v >= 128 ? 1 : 0));
    const overlap = async () => {
      const [a, b] = [await inside(objectId), await inside(boxed.objectId)];
      return a.reduce((n, v, i) => n + (v & b[i]), 0);
    };
    const matteOverlap = async () => {
      const [a, b] = await Promise.all([service.getMatte(mediaId, 0, [objectId]), service.getMatte(mediaId, 0, [boxed.objectId])]);
      return a.data.reduce((n, v, i) => n + Math.min(v, b.data[i]), 0) / 255;
    };
    // Both objects took the disc.
    const discArea = (await inside(objectId)).reduce((n, v) => n + v, 0);
    expect(await overlap()).toBeGreaterThan(0.8 * discArea);
    expect(await matteOverlap()).toBeGreaterThan(0.8 * Math.PI * DEMO.radius ** 2);

    await service.updateSettings(mediaId, { exclusive: true });
    expect(await overlap()).toBe(0);
    // Equal certainty goes to the first object (SAM2's rule), which keeps most of its disc.
    expect((await inside(objectId)).reduce((n, v) => n + v, 0)).toBeGreaterThan(0.8 * discArea);
    expect(await matteOverlap()).toBeLessThan(0.02 * Math.PI * DEMO.radius ** 2);

    expect((await service.undo(mediaId))?.label).toBe('Give each pixel to one object');
    expect(await overlap()).toBeGreaterThan(0.8 * discArea);
  });

  it('undoes and redoes matte controls, and the matte follows; it names the head and quality that made it', async () => {
    const { mediaId, objectId } = await openWithClick();
    const opaque = async () => (await service.getMatte(mediaId, 0)).data.filter((v) => v >= 128).length;
    const plain = await opaque();
    const summary = await service.updateObject(mediaId, objectId, { matte: { grow: 4 } });
    expect(summary.matte.grow).toBe(4);
    expect(await service.getHistory(mediaId)).toMatchObject({ undoLabel: 'Set shrink / grow of Object 1 to +4 px' });
    const grown = await opaque();
    // A disc of radius r grown by 4 px gains about 2π·r·4 pixels.
    expect(grown - plain).toBeGreaterThan(2 * Math.PI * DEMO.radius * 4 * 0.8);
    expect(await service.undo(mediaId)).toMatchObject({ label: 'Set shrink / grow of Object 1 to +4 px', objectId });
    expect((await service.listObjects(mediaId))[0].matte.grow).toBe(0);
    expect(await opaque()).toBe(plain);
    await service.redo(mediaId);
    expect(await opaque()).toBe(grown);

    expect((await service.getMatte(mediaId, 0)).source).toMatchObject({ head: 'guided-filter', quality: 'preview', width: DEMO.width, height: DEMO.height });
    await service.updateSettings(mediaId, { head: 'closed-form', quality: 'final' });
    expect((await service.getMatte(mediaId, 0)).source).toMatchObject({ head: 'closed-form', headName: expect.stringMatching(/^Closed-form/), quality: 'final' });
    expect((await service.getMatte(mediaId, 0, undefined, 'preview')).source).toMatchObject({ head: 'closed-form', quality: 'preview' });
  });

  it('keeps settings checked, clamped and undoable', async () => {
    const { mediaId } = await service.openMedia(clip);
    expect(await service.getSettings(mediaId)).toEqual({ head: 'guided-filter', quality: 'preview', inPoint: null, outPoint: null, exclusive: false });
    expect(await service.updateSettings(mediaId, { inPoint: 5, outPoint: 1000 })).toMatchObject({ inPoint: 5, outPoint: DEMO.frames - 1 });
    await expect(service.updateSettings(mediaId, { head: 'no-such-head' })).rejects.toThrow(/Unknown matting head no-such-head; known: guided-filter/);
    await expect(service.updateSettings(mediaId, { outPoint: 2 })).rejects.toThrow(/in point \(frame 5\) must not be after the out point \(frame 2\)/);
    expect((await service.undo(mediaId))?.label).toBe('Change settings');
    expect(await service.getSettings(mediaId)).toMatchObject({ inPoint: null, outPoint: null });
  });
});
