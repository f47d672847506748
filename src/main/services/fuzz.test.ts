/**
 * Bad input through the real API: broken media, broken projects, wrong model files, prompts and
 * frames out of range, and the render command. Every one must fail with a clear message (or, where
 * the damage may be harmless, succeed), leave the process running and the saved project untouched.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../shared/api';
import type { Prompt } from '../../shared/prompts';
import { runRenderCommand } from '../../cli/render-command';
import { tempFolder, writeCodedClip, H264_GOP12 } from '../media/test-media';
import { writeBadMedia } from '../../testing/fuzz/bad-media';
import { badProjects } from '../../testing/fuzz/bad-projects';
import { unclearFailure } from '../../testing/fuzz/judge';
import { seededRandom } from '../../testing/fuzz/random';
import { createJobWaiter } from './job-waiter';
import { StudioService } from './studio-service';

const SEED = 20261125;
const FRAMES = 8;

interface FuzzCase {
  name: string;
  run: () => Promise<unknown>;
  /** false where the input may be harmless and succeed. */
  mustFail: boolean;
}

let dir = '';
let remove = async () => {};
let clip = '';
let project = '';
let projectBytes: Buffer;
const waiter = createJobWaiter();
let service: StudioService;

beforeAll(async () => {
  ({ dir, remove } = await tempFolder('fuzz'));
  service = new StudioService({ emit: waiter.emit, modelsDir: join(dir, 'models') });
  clip = await writeCodedClip(join(dir, 'clip.mp4'), { frames: FRAMES, fps: '24', codecArgs: H264_GOP12 });
  const { mediaId } = await service.openMedia(clip);
  const { objectId } = await service.createObject(mediaId, 'Subject');
  await service.setPrompts(mediaId, objectId, 0, [{ kind: 'point', x: 32, y: 24, positive: true }]);
  await service.setPrompts(mediaId, objectId, 3, [{ kind: 'box', x0: 10, y0: 10, x1: 50, y1: 40 }]);
  project = join(dir, 'shot.json');
  await service.saveProject(mediaId, project);
  projectBytes = await readFile(project);
});

afterAll(async () => {
  await service.close();
  await remove();
});

/** A session opened from the saved project, for the calls that need one. */
async function openSession(): Promise<{ mediaId: string; objectId: number }> {
  const opened = await service.openProject(project);
  if (opened.status !== 'opened') throw new Error(opened.message);
  const [object] = await service.listObjects(opened.mediaId);
  return { mediaId: opened.mediaId, objectId: object.objectId };
}

/** An export through its job: failures arrive as the job's error event. */
async function exportAndWait(request: unknown): Promise<unknown> {
  const { jobId } = await service.exportMatte(request as ExportRequest);
  return waiter.wait(jobId);
}

async function mediaCases(): Promise<FuzzCase[]> {
  const files = await writeBadMedia(dir, await readFile(clip), seededRandom(SEED), 12);
  return files.map((file) => ({
    name: `media: ${file.name}`,
    mustFail: file.mustFail,
    // Opening may succeed on a damaged file; decoding its first and last frame then must work or fail clearly.
    run: async () => {
      const { mediaId, info } = await service.openMedia(file.path);
      await service.getFrame(mediaId, 0);
      await service.getFrame(mediaId, info.frameCount - 1);
    },
  }));
}

function projectCases(): FuzzCase[] {
  return badProjects(projectBytes.toString('utf8'), seededRandom(SEED + 1), 10).map((bad, i) => ({
    name: `project: ${bad.name}`,
    mustFail: bad.mustFail,
    run: async () => {
      const path = join(dir, `bad-project-${i}.json`);
      await writeFile(path, bad.text);
      const opened = await service.openProject(path);
      if (opened.status !== 'opened') throw new Error(opened.message);
    },
  }));
}

function modelCases(): FuzzCase[] {
  const random = seededRandom(SEED + 2);
  const cases: FuzzCase[] = [
    { name: 'model: unknown id', mustFail: true, run: () => service.importModel('no-such-model', clip) },
    { name: 'model: no path', mustFail: true, run: () => service.importModel('vitmatte-small-composition-1k', '') },
    { name: 'model: missing file', mustFail: true, run: () => service.importModel('vitmatte-small-composition-1k', join(dir, 'absent.onnx')) },
    { name: 'model: a video as the model', mustFail: true, run: () => service.importModel('vitmatte-small-composition-1k', clip) },
  ];
  for (const [modelId, file] of [
    ['vitmatte-small-composition-1k', 'head.onnx'],
    ['sam2.1-hiera-tiny', 'mlp_hiera_t_2.1.onnx'],
  ]) {
    for (const size of [0, 1, 64, 4096]) {
      cases.push({
        name: `model: ${size} random bytes as ${modelId}/${file}`,
        mustFail: true,
        run: async () => {
          const path = join(dir, `${size}-${file}`);
          await writeFile(path, random.bytes(size));
          return service.importModel(modelId, path);
        },
      });
    }
  }
  return cases;
}

const BAD_NUMBERS: readonly unknown[] = [-1, FRAMES, 1.5, Number.NaN, Number.POSITIVE_INFINITY, -Number.MAX_VALUE, 1e300, '0', null, undefined];

function callCases(): FuzzCase[] {
  const session = () => openSession();
  const cases: FuzzCase[] = [];
  for (const frame of BAD_NUMBERS) {
    const shown = String(frame);
    cases.push(
      {
        name: `setPrompts on frame ${shown}`,
        mustFail: true,
        run: async () => {
          const s = await session();
          return service.setPrompts(s.mediaId, s.objectId, frame as number, []);
        },
      },
      { name: `getFrame ${shown}`, mustFail: true, run: async () => service.getFrame((await session()).mediaId, frame as number) },
      // A range names both ends: an end left out is as wrong as one outside the clip.
      {
        name: `propagate from ${shown}`,
        mustFail: true,
        run: async () => service.propagate((await session()).mediaId, { direction: 'forward', range: { start: frame as number, end: FRAMES - 1 } }),
      },
      {
        name: `export to frame ${shown}`,
        mustFail: true,
        run: async () => exportAndWait({ mediaId: (await session()).mediaId, format: 'matte', outputPath: join(dir, 'never'), range: { start: 0, end: frame as number } }),
      },
    );
  }
  const prompts: Array<[string, unknown]> = [
    ['point at NaN', [{ kind: 'point', x: Number.NaN, y: 1, positive: true }]],
    ['point at Infinity', [{ kind: 'point', x: 1, y: Number.POSITIVE_INFINITY, positive: true }]],
    ['point at 1e308', [{ kind: 'point', x: 1e308, y: 1, positive: true }]],
    ['point left of the frame', [{ kind: 'point', x: -0.5, y: 1, positive: true }]],
    ['point below the frame', [{ kind: 'point', x: 1, y: 49, positive: true }]],
    ['point without a sign', [{ kind: 'point', x: 1, y: 1 }]],
    ['empty box', [{ kind: 'box', x0: 5, y0: 5, x1: 5.5, y1: 30 }]],
    ['box with NaN', [{ kind: 'box', x0: Number.NaN, y0: 5, x1: 20, y1: 30 }]],
    ['box outside', [{ kind: 'box', x0: 0, y0: 0, x1: 1e6, y1: 30 }]],
    ['stroke with an odd list', [{ kind: 'stroke', points: [1, 2, 3], radius: 4, mode: 'add' }]],
    ['stroke of radius Infinity', [{ kind: 'stroke', points: [1, 2, 3, 4], radius: Number.POSITIVE_INFINITY, mode: 'add' }]],
    ['stroke mode xor', [{ kind: 'stroke', points: [1, 2, 3, 4], radius: 2, mode: 'xor' }]],
    ['mask of the wrong size', [{ kind: 'mask', width: 64, height: 48, data: new Uint8Array(10) }]],
    ['mask of 100000x100000', [{ kind: 'mask', width: 100000, height: 100000, data: new Uint8Array(4) }]],
    ['mask as a list', [{ kind: 'mask', width: 2, height: 2, data: [0, 255, 0, 255] }]],
    ['prompts not a list', { kind: 'point', x: 1, y: 1, positive: true }],
    ['prompts null', null],
    ['a null prompt', [null]],
    ['an empty prompt', [{}]],
    ['a lasso', [{ kind: 'lasso' }]],
  ];
  for (const [name, value] of prompts) {
    cases.push({
      name: `setPrompts: ${name}`,
      mustFail: true,
      run: async () => {
        const s = await session();
        return service.setPrompts(s.mediaId, s.objectId, 1, value as Prompt[]);
      },
    });
  }
  for (const objectId of [999, Number.NaN, 'Subject', null]) {
    cases.push({ name: `unknown object ${String(objectId)}`, mustFail: true, run: async () => service.getPrompts((await session()).mediaId, objectId as number, 0) });
  }
  const requests: Array<[string, (mediaId: string) => unknown]> = [
    ['null', () => null],
    ['no media', () => ({ format: 'matte', outputPath: join(dir, 'never') })],
    ['a closed clip', () => ({ mediaId: 'gone', format: 'matte', outputPath: join(dir, 'never') })],
    ['format gif', (mediaId) => ({ mediaId, format: 'gif', outputPath: join(dir, 'never') })],
    ['split layers', (mediaId) => ({ mediaId, format: 'matte', outputPath: join(dir, 'never'), split: 'layers' })],
    ['objects "all"', (mediaId) => ({ mediaId, format: 'matte', outputPath: join(dir, 'never'), objectIds: 'all' })],
    ['an unknown object', (mediaId) => ({ mediaId, format: 'matte', outputPath: join(dir, 'never'), objectIds: [999] })],
    ['output 42', (mediaId) => ({ mediaId, format: 'matte', outputPath: 42 })],
    ['output under a file', (mediaId) => ({ mediaId, format: 'matte', outputPath: join(project, 'frames') })],
    ['output onto the project file', (mediaId) => ({ mediaId, format: 'png', outputPath: project })],
    ['a range backwards', (mediaId) => ({ mediaId, format: 'matte', outputPath: join(dir, 'never'), range: { start: 5, end: 2 } })],
    ['a range as text', (mediaId) => ({ mediaId, format: 'matte', outputPath: join(dir, 'never'), range: '0-5' })],
  ];
  for (const [name, request] of requests) {
    cases.push({ name: `export: ${name}`, mustFail: true, run: async () => exportAndWait(request((await session()).mediaId)) });
  }
  const settings: unknown[] = [
    null,
    'fast',
    { inPoint: 'start' },
    { outPoint: Number.NaN },
    { head: 'no-such-head' },
    { quality: 'ultra' },
    { volume: 11 },
    { inPoint: 6, outPoint: 2 },
  ];
  for (const patch of settings) {
    cases.push({ name: `settings ${JSON.stringify(patch)}`, mustFail: true, run: async () => service.updateSettings((await session()).mediaId, patch as object) });
  }
  cases.push(
    { name: 'save into a folder', mustFail: true, run: async () => service.saveProject((await session()).mediaId, dir) },
    { name: 'save under a file', mustFail: true, run: async () => service.saveProject((await session()).mediaId, join(project, 'x.json')) },
    { name: 'save to 42', mustFail: true, run: async () => service.saveProject((await session()).mediaId, 42 as unknown as string) },
    { name: 'open a folder as a project', mustFail: true, run: () => service.openProject(dir) },
    { name: 'open a video as a project', mustFail: true, run: () => service.openProject(clip) },
    { name: 'open no project', mustFail: true, run: () => service.openProject(join(dir, 'absent.json')) },
    {
      name: 'relink in a missing folder',
      mustFail: true,
      run: async () => {
        const relinked = await service.relinkProject(project, join(dir, 'absent'));
        if (relinked.status !== 'opened') throw new Error(relinked.message);
      },
    },
    { name: 'list a missing folder', mustFail: true, run: () => service.listDirectory(join(dir, 'absent')) },
    { name: 'list a file', mustFail: true, run: () => service.listDirectory(clip) },
  );
  return cases;
}

function renderCases(): FuzzCase[] {
  const argvs: string[][] = [
    [project, '--out', join(dir, 'r'), '--object', 'Nobody'],
    [project, '--out', join(dir, 'r'), '--range', '0-99'],
    [project, '--out', join(dir, 'r'), '--range', 'x'],
    [project, '--out', join(project, 'r')],
    [join(dir, 'bad-project-0.json'), '--out', join(dir, 'r')],
    [clip, '--out', join(dir, 'r')],
    ['--video', clip, '--point', 'NaN,1@0', '--out', join(dir, 'r')],
    ['--video', clip, '--point', '1e999,1@0', '--out', join(dir, 'r')],
    ['--video', clip, '--point', '1,1@99999', '--out', join(dir, 'r')],
    ['--video', clip, '--point', '100000,1@0', '--out', join(dir, 'r')],
    ['--video', clip, '--box', '1,1,1,1@0', '--out', join(dir, 'r')],
    ['--video', clip, '--mask', `${project}@0`, '--out', join(dir, 'r')],
    ['--video', join(dir, 'zero-bytes.mp4'), '--point', '1,1@0', '--out', join(dir, 'r')],
    ['--join', clip, clip, '--out', join(dir, 'r.mov')],
    ['--join', project, project, '--out', join(dir, 'r.mov')],
  ];
  return argvs.map((argv) => ({
    name: `render ${argv.map((a) => a.replace(dir, '…')).join(' ')}`,
    mustFail: true,
    run: async () => {
      let err = '';
      const code = await runRenderCommand(argv, { out: { write: () => true }, err: { write: (t: string) => (err += t) } });
      if (code === 0) return;
      // The first line is the message; usage text may follow it.
      const message = err.split('\n')[0].replace(/^render( failed)?: /, '');
      if (code !== 1 && code !== 2) throw new TypeError(`exit code ${code}: ${message}`);
      throw new Error(message);
    },
  }));
}

describe('fuzz: bad input through the API and the render command', () => {
  it('fails clearly on every bad input, stays up, and leaves the project as it was', { timeout: 180_000 }, async () => {
    const cases = [...(await mediaCases()), ...projectCases(), ...modelCases(), ...callCases(), ...renderCases()];
    expect(cases.length).toBeGreaterThanOrEqual(100);
    const problems: string[] = [];
    let failedClearly = 0;
    for (const c of cases) {
      try {
        await c.run();
        if (c.mustFail) problems.push(`${c.name}: succeeded`);
      } catch (err) {
        const unclear = unclearFailure(err);
        if (unclear) problems.push(`${c.name}: ${unclear}`);
        else failedClearly++;
      }
    }
    expect(problems).toEqual([]);
    expect(failedClearly).toBeGreaterThanOrEqual(100);
    expect(await readFile(project)).toEqual(projectBytes);
    // Still working after all that.
    const { mediaId } = await openSession();
    expect((await service.getFrame(mediaId, FRAMES - 1)).width).toBe(64);
  });
});
