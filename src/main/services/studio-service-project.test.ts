import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Prompt } from '../../shared/prompts';
import { H264_GOP12, tempFolder, writeCodedClip } from '../media/test-media';
import { PROJECT_VERSION } from '../project/project-file';
import { readProjectFile } from '../project/project-io';
import { createJobWaiter } from './job-waiter';
import { StudioService, type StudioServiceOptions } from './studio-service';

let folder: Awaited<ReturnType<typeof tempFolder>>;
const services: StudioService[] = [];
const waiter = createJobWaiter();

function newService(options: Partial<StudioServiceOptions> = {}): StudioService {
  const service = new StudioService({ emit: waiter.emit, modelsDir: '/nonexistent/models', ...options });
  services.push(service);
  return service;
}

async function newClip(name: string): Promise<string> {
  return writeCodedClip(join(folder.dir, name), { frames: 12, fps: '25', codecArgs: H264_GOP12 });
}

const mask: Prompt = { kind: 'mask', width: 8, height: 6, data: new Uint8Array(48).map((_, i) => (i % 8 > 3 ? 255 : 0)) };
const prompts: Record<number, Prompt[]> = {
  0: [
    { kind: 'point', x: 32, y: 24, positive: true },
    { kind: 'box', x0: 4, y0: 4, x1: 60, y1: 40 },
  ],
  5: [{ kind: 'stroke', points: [10, 10, 40, 30], radius: 4, mode: 'add' }, mask],
};

/** A session with two objects, prompts on two frames, an edited object and settings. */
async function editSession(service: StudioService, clip: string): Promise<string> {
  const { mediaId } = await service.openMedia(clip);
  const hero = await service.createObject(mediaId, 'Hero');
  const extra = await service.createObject(mediaId);
  for (const [frame, list] of Object.entries(prompts)) await service.setPrompts(mediaId, hero.objectId, Number(frame), list);
  await service.setPrompts(mediaId, extra.objectId, 3, [{ kind: 'point', x: 5, y: 5, positive: false }]);
  await service.updateObject(mediaId, extra.objectId, { name: 'Sky', color: '#4466ff', locked: true, hidden: true });
  await service.updateObject(mediaId, hero.objectId, { matte: { grow: 3, feather: 1.5, decontamination: 0.5, temporalStability: 0.5 } });
  await service.updateSettings(mediaId, { inPoint: 2, outPoint: 9, quality: 'final' });
  return mediaId;
}

/** Everything an editor made, as the API shows it. */
async function snapshot(service: StudioService, mediaId: string) {
  const objects = await service.listObjects(mediaId);
  const promptsByObject = await Promise.all(objects.map(async (o) => Promise.all(o.promptFrames.map((f) => service.getPrompts(mediaId, o.objectId, f)))));
  return { objects: objects.map(({ trackedFrames: _cache, ...o }) => o), promptsByObject, settings: await service.getSettings(mediaId) };
}

beforeAll(async () => {
  folder = await tempFolder('project-service');
});

afterAll(async () => {
  await Promise.all(services.map((s) => s.close()));
  await folder.remove();
});

describe('projects', () => {
  it('saves and reopens every prompt, object and setting; masks are rebuilt from the prompts', async () => {
    const service = newService();
    const clip = await newClip('saved.mp4');
    const mediaId = await editSession(service, clip);
    await expect(service.saveProject(mediaId)).rejects.toThrow(/no project file yet/);
    const projectPath = join(folder.dir, 'shot.sam2m.json');
    const saved = await service.saveProject(mediaId, projectPath);
    expect(saved.path).toBe(projectPath);
    expect((await service.listDirectory(folder.dir)).entries.map((e) => e.name)).toContain('shot.sam2m.json');

    const opened = await service.openProject(projectPath);
    if (opened.status !== 'opened') throw new Error(opened.message);
    expect(opened.projectPath).toBe(projectPath);
    expect(await snapshot(service, opened.mediaId)).toEqual(await snapshot(service, mediaId));
    const [hero] = await service.listObjects(opened.mediaId);
    expect(hero.trackedFrames).toEqual([0, 5]);
    expect(await service.getHistory(opened.mediaId)).toMatchObject({ canUndo: false });

    // Saving again to the session's own file keeps the previous one beside it.
    await service.setPrompts(opened.mediaId, hero.objectId, 0, []);
    await service.saveProject(opened.mediaId);
    expect((await readProjectFile(projectPath)).objects[0].prompts.has(0)).toBe(false);
    expect((await readProjectFile(`${projectPath}.bak`)).objects[0].prompts.has(0)).toBe(true);
  });

  it('names the work folder saves go to by default, and makes it on the first save there', async () => {
    const work = join(folder.dir, 'home', 'Documents', 'SAM2Matting');
    const service = newService({ workDir: work });
    const opened = await service.openMedia(await newClip('work.mp4'));
    expect(opened.workFolder).toBe(work);
    expect(existsSync(work)).toBe(false);
    const { path } = await service.saveProject(opened.mediaId, join(work, 'work.sam2m.json'));
    expect((await readProjectFile(path)).media.path).toBe(join(folder.dir, 'work.mp4'));
  });

  it('opens a version 1 project by migrating it', async () => {
    const service = newService();
    const clip = await newClip('old.mp4');
    const path = join(folder.dir, 'old-project.json');
    const v1 = { version: 1, mediaPath: clip, objects: [{ id: 4, name: 'Old', prompts: { '2': [{ kind: 'mask', width: 2, height: 1, data: [255, 0] }] } }] };
    await writeFile(path, JSON.stringify(v1));
    const opened = await service.openProject(path);
    if (opened.status !== 'opened') throw new Error(opened.message);
    expect(await service.listObjects(opened.mediaId)).toMatchObject([{ objectId: 4, name: 'Old', promptFrames: [2], hidden: false, locked: false }]);
    expect(await service.getPrompts(opened.mediaId, 4, 2)).toEqual([{ kind: 'mask', width: 2, height: 1, data: new Uint8Array([255, 0]) }]);
    expect((await service.createObject(opened.mediaId)).objectId).toBe(5);
  });

  it('refuses bad projects clearly and leaves them as they were', async () => {
    const service = newService();
    const clip = await newClip('bad.mp4');
    const broken = join(folder.dir, 'broken.json');
    await writeFile(broken, '{"version": 2,');
    await expect(service.openProject(broken)).rejects.toThrow(/broken\.json: it is not valid JSON/);
    await expect(service.openProject(broken)).rejects.toMatchObject({ code: 'project-invalid' });
    const future = join(folder.dir, 'future.json');
    await writeFile(future, JSON.stringify({ format: 'sam2matting-project', version: PROJECT_VERSION + 1 }));
    await expect(service.openProject(future)).rejects.toThrow(new RegExp(`newer SAM2Matting Studio \\(project version ${PROJECT_VERSION + 1}`));
    const beyond = join(folder.dir, 'beyond.json');
    const text = JSON.stringify({ version: 1, mediaPath: clip, objects: [{ id: 1, name: 'Hero', prompts: { '60': [{ kind: 'point', x: 1, y: 1, positive: true }] } }] });
    await writeFile(beyond, text);
    await expect(service.openProject(beyond)).rejects.toThrow(/beyond\.json: Hero, frame 60: Frame 60 is out of range/);
    await expect(service.openProject(join(folder.dir, 'absent.json'))).rejects.toThrow(/absent\.json: no such file/);
    await expect(service.openProject('')).rejects.toThrow(/Give the path of a project file/);
  });

  it('relinks moved media found by size and content, and records where it is now', async () => {
    const service = newService();
    const clip = await newClip('moving.mp4');
    await newClip('decoy.mp4');
    const mediaId = await editSession(service, clip);
    const projectPath = join(folder.dir, 'projects', 'moving.json');
    await mkdir(join(folder.dir, 'projects'));
    await service.saveProject(mediaId, projectPath);
    const before = await snapshot(service, mediaId);

    const moved = join(folder.dir, 'archive', 'a', 'b', 'renamed.mp4');
    await mkdir(join(folder.dir, 'archive', 'a', 'b'), { recursive: true });
    await rename(clip, moved);
    const missing = await service.openProject(projectPath);
    expect(missing).toMatchObject({ status: 'missing-media', projectPath, mediaPath: clip });
    expect(missing.status === 'missing-media' && missing.message).toMatch(/moving\.mp4 is missing; relink/);

    const nowhere = await service.relinkProject(projectPath, join(folder.dir, 'projects'));
    expect(nowhere.status === 'missing-media' && nowhere.message).toMatch(/No file under .*projects has the same size and content/);

    const relinked = await service.relinkProject(projectPath, join(folder.dir, 'archive'));
    if (relinked.status !== 'opened') throw new Error(relinked.message);
    expect(relinked.info.path).toBe(moved);
    expect(await snapshot(service, relinked.mediaId)).toEqual(before);
    expect((await readProjectFile(projectPath)).media.path).toBe(moved);
    expect((await service.openProject(projectPath)).status).toBe('opened');
  });

  it('finds media that moved together with its project', async () => {
    const service = newService();
    await mkdir(join(folder.dir, 'bundle'));
    const clip = await writeCodedClip(join(folder.dir, 'bundle', 'clip.mp4'), { frames: 12, fps: '25', codecArgs: H264_GOP12 });
    const mediaId = await editSession(service, clip);
    await service.saveProject(mediaId, join(folder.dir, 'bundle', 'p.json'));
    await rename(join(folder.dir, 'bundle'), join(folder.dir, 'bundle-moved'));
    const opened = await service.openProject(join(folder.dir, 'bundle-moved', 'p.json'));
    expect(opened).toMatchObject({ status: 'opened', info: { path: join(folder.dir, 'bundle-moved', 'clip.mp4') } });
  });
});

describe('autosave and recovery', () => {
  it('restores the prompts of a session that was abandoned without closing', async () => {
    const autosaveDir = join(folder.dir, 'autosave-crash');
    const crashed = newService({ autosaveDir });
    const clip = await newClip('crash.mp4');
    const mediaId = await editSession(crashed, clip);
    const before = await snapshot(crashed, mediaId);
    // The autosave that a few seconds of waiting would have written; then the app "dies" (never closed).
    await crashed.flushAutosaves();

    const next = newService({ autosaveDir });
    const [recovery, ...others] = await next.listRecoveries();
    expect(others).toEqual([]);
    expect(recovery).toMatchObject({ id: mediaId, projectPath: null, mediaPath: clip, objects: 2, promptFrames: 3 });
    const restored = await next.restoreRecovery(recovery.id);
    expect(await snapshot(next, restored.mediaId)).toEqual(before);
    const [hero] = await next.listObjects(restored.mediaId);
    expect(hero.trackedFrames).toEqual([0, 5]);
    // The restored work is autosaved under its new session; the old autosave is gone.
    expect(await readdir(autosaveDir)).toEqual([`${restored.mediaId}.autosave.json`]);
    await expect(next.restoreRecovery(recovery.id)).rejects.toThrow(/restored or discarded already/);
    await expect(next.restoreRecovery(recovery.id)).rejects.toMatchObject({ code: 'not-found' });
  });

  it('says a recovery whose media moved is missing media, naming the project to relink', async () => {
    const autosaveDir = join(folder.dir, 'autosave-moved');
    const crashed = newService({ autosaveDir });
    const clip = await newClip('moved-away.mp4');
    const mediaId = await editSession(crashed, clip);
    const projectPath = join(folder.dir, 'moved-away.json');
    await crashed.saveProject(mediaId, projectPath);
    await crashed.createObject(mediaId, 'Unsaved');
    await crashed.flushAutosaves();
    await rename(clip, `${clip}.gone`);
    const [recovery] = await newService({ autosaveDir }).listRecoveries();
    await expect(newService({ autosaveDir }).restoreRecovery(recovery.id)).rejects.toMatchObject({ code: 'media-missing', details: { mediaPath: clip, projectPath } });
  });

  it('brings back the work of an app killed with SIGKILL', async () => {
    const autosaveDir = join(folder.dir, 'autosave-killed');
    const clip = await newClip('killed.mp4');
    const script = fileURLToPath(new URL('../project/testing/edit-then-die.ts', import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', script, clip, autosaveDir], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let line: string;
    try {
      line = await new Promise<string>((resolve, reject) => {
        let out = '';
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('\n')) resolve(out.split('\n')[0]);
        });
        child.on('exit', (code) => reject(new Error(`the editing process ended by itself (${code})`)));
      });
    } finally {
      child.kill('SIGKILL');
      await exited;
    }
    const made = JSON.parse(line);

    const next = newService({ autosaveDir });
    const [recovery] = await next.listRecoveries();
    expect(recovery).toMatchObject({ id: made.mediaId, mediaPath: clip, objects: 1, promptFrames: 2 });
    const { mediaId } = await next.restoreRecovery(recovery.id);
    const [runner] = await next.listObjects(mediaId);
    expect(runner).toMatchObject({ ...made.objects[0], trackedFrames: [0, 4] });
    expect(await next.getPrompts(mediaId, runner.objectId, 4)).toEqual(made.frame4);
  });

  it('offers a session still open here whose editor went away, and takes it up as it is', async () => {
    const autosaveDir = join(folder.dir, 'autosave-reload');
    const host = newService({ autosaveDir });
    const clip = await newClip('reload.mp4');
    const mediaId = await editSession(host, clip);
    // A reloaded page knows no media id: it asks for recoveries, and pending autosaves are written first.
    expect((await host.listRecoveries()).map((r) => r.id)).toEqual([mediaId]);
    const taken = await host.restoreRecovery(mediaId);
    expect(taken.mediaId).toBe(mediaId);
    expect(await host.getHistory(mediaId)).toMatchObject({ canUndo: true, undoLabel: 'Change settings' });

    await host.discardRecovery(mediaId);
    expect(await host.listRecoveries()).toEqual([]);
    await expect(host.listObjects(mediaId)).rejects.toThrow(/not open any more/);
  });

  it('a clean close removes the autosave of saved work and keeps unsaved work for later', async () => {
    const autosaveDir = join(folder.dir, 'autosave-close');
    const service = newService({ autosaveDir });
    const clip = await newClip('close.mp4');
    const saved = await editSession(service, clip);
    await service.flushAutosaves();
    await service.saveProject(saved, join(folder.dir, 'closed.json'));
    expect(existsSync(join(autosaveDir, `${saved}.autosave.json`))).toBe(false);
    const unsaved = await editSession(service, clip);
    await service.close();

    const next = newService({ autosaveDir });
    const recoveries = await next.listRecoveries();
    expect(recoveries.map((r) => r.id)).toEqual([unsaved]);
    await expect(next.discardRecovery('../../etc/passwd')).rejects.toThrow(/No recovery/);
    await next.discardRecovery(unsaved);
    expect(await next.listRecoveries()).toEqual([]);
  });

  it('keeps the project path of an autosave, so the restored session saves to its file', async () => {
    const autosaveDir = join(folder.dir, 'autosave-project');
    const crashed = newService({ autosaveDir });
    const clip = await newClip('proj.mp4');
    const mediaId = await editSession(crashed, clip);
    const projectPath = join(folder.dir, 'recovered.json');
    await crashed.saveProject(mediaId, projectPath);
    await crashed.setPrompts(mediaId, 1, 7, [{ kind: 'point', x: 20, y: 20, positive: true }]);
    await crashed.flushAutosaves();

    const next = newService({ autosaveDir });
    const [recovery] = await next.listRecoveries();
    expect(recovery.projectPath).toBe(projectPath);
    const restored = await next.restoreRecovery(recovery.id);
    expect(restored.projectPath).toBe(projectPath);
    expect(await next.getPrompts(restored.mediaId, 1, 7)).toHaveLength(1);
    await next.saveProject(restored.mediaId);
    expect((await readProjectFile(projectPath)).objects[0].prompts.has(7)).toBe(true);
  });
});
