import { execFile, spawn } from 'node:child_process';
import { copyFile, mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, demoCentre, writeDemoClip } from './demo-clip';
import { meanIoU } from '../main/imaging/iou';
import { describeExport, readAlphaFrames } from '../main/media/describe-export';
import { readImageGray } from '../main/media/image-file';
import { tempFolder } from '../main/media/test-media';
import { createJobWaiter } from '../main/services/job-waiter';
import { StudioService } from '../main/services/studio-service';
import { exrChannelToPng, exrHeader } from '../testing/exr-tools';
import { repoRoot, SHARED_DATA_TAG, sharedData } from '../testing/paths';
import { runRenderCommand } from './render-command';

/** What the command wrote, as a terminal (TTY) or a log would show it. */
function capture(isTTY = false) {
  let out = '';
  let err = '';
  return {
    streams: { out: { isTTY, write: (t: string) => (out += t) }, err: { write: (t: string) => (err += t) } },
    get out() {
      return out;
    },
    get err() {
      return err;
    },
  };
}

async function render(argv: string[], isTTY = false) {
  const io = capture(isTTY);
  const code = await runRenderCommand(argv, io.streams);
  return { code, out: io.out, err: io.err };
}

let dir = '';
let remove = async () => {};
let project = '';

/** A saved project on the demo clip: "Disc" clicked on frame 0, "Spare" without prompts, in/out points 2-3. */
async function saveDemoProject(clip: string, path: string): Promise<string> {
  const waiter = createJobWaiter();
  const service = new StudioService({ emit: waiter.emit, modelsDir: '/nonexistent/models' });
  try {
    const { mediaId } = await service.openMedia(clip);
    const disc = await service.createObject(mediaId, 'Disc');
    await service.createObject(mediaId, 'Spare');
    const { x, y } = demoCentre(0);
    await service.setPrompts(mediaId, disc.objectId, 0, [{ kind: 'point', x, y, positive: true }]);
    await service.updateSettings(mediaId, { inPoint: 2, outPoint: 3 });
    await service.saveProject(mediaId, path);
    return path;
  } finally {
    await service.close();
  }
}

beforeAll(async () => {
  ({ dir, remove } = await tempFolder('render'));
  project = await saveDemoProject(await writeDemoClip(join(dir, 'demo.mp4')), join(dir, 'shot.json'));
});
afterAll(() => remove());

describe('sam2matting render, a project', () => {
  it('renders in chunks that join into the same sequence as one full render', { timeout: 240_000 }, async () => {
    const full = join(dir, 'full.mov');
    const tty = await render([project, '--out', full, '--range', '10-17'], true);
    expect(tty).toMatchObject({ code: 0, err: '' });
    // One updating bar per step on a terminal.
    expect(tty.out).toContain(`\rRendering prores4444 [${'#'.repeat(30)}] 8/8 (100%)\n`);
    // The tracker the clip runs on, then the two steps.
    const lines = tty.out.split('\n').filter(Boolean);
    expect(lines).toHaveLength(3 + 1);
    expect(lines[0]).toMatch(/^Tracker: /);

    for (const [range, chunk] of [
      ['10-13', 'a.mov'],
      ['14-17', 'b.mov'],
    ]) {
      expect(await render([project, '--out', join(dir, chunk), '--range', range])).toMatchObject({ code: 0, err: '' });
      expect(await render([project, '--out', join(dir, 'mattes'), '--format', 'matte', '--range', range])).toMatchObject({ code: 0 });
    }
    const joined = join(dir, 'joined.mov');
    const join_ = await render(['--join', join(dir, 'a.mov'), join(dir, 'b.mov'), '--out', joined]);
    expect(join_).toMatchObject({ code: 0, err: '' });
    expect(join_.out).toContain('8 frames at 30000/1001, timecode 01:00:00;10');

    const [fullFacts, joinedFacts] = await Promise.all([describeExport(full), describeExport(joined)]);
    // The picture is copied; the audio becomes PCM cut at the joins.
    expect({ ...joinedFacts, audioCodec: fullFacts.audioCodec }).toEqual(fullFacts);
    // The untagged 640x360 demo clip is decoded with BT.601's matrix (the rule for frames under 720 lines), and the export says so.
    expect(joinedFacts).toMatchObject({
      codec: 'prores',
      profile: '4444',
      frameCount: 8,
      fps: '30000/1001',
      timecode: '01:00:00;10',
      audioCodec: 'pcm_s24le',
      colorSpace: 'smpte170m',
    });
    const [fullAlpha, joinedAlpha] = await Promise.all([readAlphaFrames(full, DEMO.width, DEMO.height), readAlphaFrames(joined, DEMO.width, DEMO.height)]);
    expect(joinedAlpha.map((a, i) => Buffer.from(a.data).equals(Buffer.from(fullAlpha[i].data)))).toEqual(Array(8).fill(true));
    expect(fullAlpha.some((a) => a.data.some((v) => v > 128))).toBe(true);

    // Matte chunks written to one folder: one sequence numbered by source frame, the same alpha.
    const frames = (await readdir(join(dir, 'mattes'))).sort();
    expect(frames).toEqual(Array.from({ length: 8 }, (_, i) => `demo_matte_${String(10 + i).padStart(5, '0')}.png`));
    const mattes = await Promise.all(frames.map((f) => readImageGray(join(dir, 'mattes', f))));
    const maxDiff = mattes.reduce((worst, m, i) => m.data.reduce((w, v, p) => Math.max(w, Math.abs(v - fullAlpha[i].data[p])), worst), 0);
    expect(maxDiff).toBeLessThanOrEqual(1);

    const overlap = await render(['--join', join(dir, 'a.mov'), join(dir, 'a.mov'), '--out', join(dir, 'bad.mov')]);
    expect(overlap).toMatchObject({ code: 1, out: '' });
    expect(overlap.err).toMatch(/^render failed: Cannot join: .*a\.mov \(timecode 01:00:00;10\) does not follow .*: 4 frames overlap/);
    const swapped = await render(['--join', join(dir, 'b.mov'), join(dir, 'a.mov'), '--out', join(dir, 'bad.mov')]);
    expect(swapped).toEqual({
      code: 1,
      out: '',
      err: `render failed: Cannot join: the chunks are out of order; in this order they join: ${join(dir, 'a.mov')} ${join(dir, 'b.mov')}\n`,
    });
  });

  it('renders the in/out points by default, one object by name, one folder per object', async () => {
    const result = await render([project, '--out', join(dir, 'inout'), '--object', 'Disc', '--per-object', '--format', 'png']);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(`Wrote 2 frames (png) to ${join(dir, 'inout', 'Disc')}`);
    // Plain lines in a log, no carriage returns.
    expect(result.out).not.toContain('\r');
    expect((await readdir(join(dir, 'inout', 'Disc'))).sort()).toEqual(['demo_00002.png', 'demo_00003.png']);
  });

  it('renders OpenEXR chunks into one sequence named by source frame, the object as a layer', { timeout: 120_000 }, async () => {
    const out = join(dir, 'exr');
    for (const range of ['2-2', '3-3']) {
      expect(await render([project, '--out', out, '--format', 'exr', '--range', range, '--compression', 'zips'])).toMatchObject({ code: 0, err: '' });
    }
    expect((await readdir(out)).sort()).toEqual(['demo_00002.exr', 'demo_00003.exr']);
    const header = await exrHeader(join(out, 'demo_00003.exr'));
    expect([...header.matchAll(/^ {4}(\S+), 16-bit floating-point/gm)].map((m) => m[1])).toEqual(['A', 'B', 'Disc.A', 'G', 'R']);
    expect(header).toContain('compression (type compression): zip, individual scanlines');
    expect(header).toMatch(/time 01:00:00:03\n\s+drop frame 1/);
    expect(header).toContain('framesPerSecond (type rational): 30000/1001');
    // One object: its layer is the merged matte.
    const alphas = await Promise.all(
      ['A', 'Disc.A'].map(async (channel) => {
        const png = join(dir, `exr-${channel}.png`);
        await exrChannelToPng(join(out, 'demo_00003.exr'), channel, png);
        return (await readImageGray(png)).data;
      }),
    );
    expect(Buffer.from(alphas[0]).equals(Buffer.from(alphas[1]))).toBe(true);
    const { x, y } = demoCentre(3);
    expect(alphas[0][Math.round(y) * DEMO.width + Math.round(x)]).toBe(255);
  });

  it('fails with a clear message and exit code 1, writing nothing', async () => {
    const projectBytes = await readFile(project);
    const blocker = join(dir, 'blocker');
    await writeFile(blocker, 'a file');
    const failures: Array<[string[], RegExp]> = [
      [[join(dir, 'absent.json'), '--out', join(dir, 'x')], /absent\.json/],
      [[project, '--out', join(dir, 'x'), '--object', 'Nobody'], /no object named "Nobody"; its objects: "Disc", "Spare"/],
      [[project, '--out', join(dir, 'x'), '--object', 'Spare'], /Nothing to render: "Spare" has no prompts/],
      [[project, '--out', join(dir, 'x'), '--range', '40-60'], /Range 40-60: Frame 60 is out of range: the clip has frames 0 to 47/],
      [[project, '--out', join(blocker, 'x')], /Cannot export to .*blocker.*not a folder/],
      [[blocker, '--out', join(dir, 'x')], /blocker/],
    ];
    for (const [argv, message] of failures) {
      const result = await render(argv);
      expect(result.code, argv.join(' ')).toBe(1);
      expect(result.err).toMatch(message);
      expect(result.err.split('\n').filter(Boolean)).toHaveLength(1);
    }
    await expect(readdir(join(dir, 'x'))).rejects.toThrow(/ENOENT/);
    expect(await readFile(project)).toEqual(projectBytes);
  });

  it('says when the media moved', async () => {
    const moved = join(dir, 'moved');
    await mkdir(moved);
    const clip = join(moved, 'clip.mp4');
    await copyFile(join(dir, 'demo.mp4'), clip);
    const path = await saveDemoProject(clip, join(moved, 'moved.json'));
    await rename(clip, join(moved, 'elsewhere.mp4'));
    const result = await render([path, '--out', join(moved, 'out')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/clip\.mp4 is missing; relink/);
  });

  it('runs as `sam2matting render` from the command line, with its exit codes', { timeout: 120_000 }, async () => {
    const cli = (...argv: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, [join(repoRoot, 'bin/sam2matting.js'), 'render', ...argv], (error, stdout, stderr) =>
          resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
        );
      });
    const done = await cli(project, '--out', join(dir, 'cli'), '--format', 'matte');
    expect(done).toMatchObject({ code: 0, stderr: '' });
    expect(done.stdout).toContain(`Wrote 2 frames (matte) to ${join(dir, 'cli')}`);
    expect((await readdir(join(dir, 'cli'))).sort()).toEqual(['demo_matte_00002.png', 'demo_matte_00003.png']);
    expect(await cli(join(dir, 'absent.json'), '--out', join(dir, 'cli'))).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(/^render failed: .*absent\.json/) });
    expect(await cli('--help')).toMatchObject({ code: 0, stdout: expect.stringContaining('--join') });
  });

  it('cancels on Ctrl+C (SIGINT), exits 130 and leaves nothing behind', { timeout: 120_000 }, async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/sam2matting.js'), 'render', project, '--range', '0-47', '--out', join(dir, 'cancel', 'out.mov')]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    // Interrupted once rendering is under way, when the export has staged its file.
    child.stdout.on('data', (d: Buffer) => d.toString().includes('Rendering') && child.kill('SIGINT'));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect({ code, stderr }).toEqual({ code: 130, stderr: 'render cancelled: nothing was written\n' });
    await expect(readdir(join(dir, 'cancel'))).rejects.toThrow(/ENOENT/);
  });

  it('explains a wrong command line in one line, with exit code 2', async () => {
    const result = await render([project, '--out', join(dir, 'x'), '--range', 'all']);
    expect(result).toEqual({
      code: 2,
      out: '',
      err: 'render: --range must look like 0-99 (first and last frame), not "all". Run sam2matting render --help for the options.\n',
    });
    expect(await render([project, '--out', join(dir, 'x'), '--colour'])).toMatchObject({
      code: 2,
      err: 'render: Unknown option --colour. Run sam2matting render --help for the options.\n',
    });
  });
});

describe('sam2matting render --video', { tags: [SHARED_DATA_TAG] }, () => {
  it('writes the alpha of a clicked object as grey PNGs, close to the truth', { timeout: 240_000 }, async () => {
    const click = (await readFile(sharedData('synthetic-video/click.txt'), 'utf8')).trim();
    const out = join(dir, 'synthetic');
    const result = await render(['--video', sharedData('synthetic-video/clip.mp4'), '--point', click, '--object', 'Subject', '--format', 'matte', '--out', out]);
    expect(result).toMatchObject({ code: 0, err: '' });
    const written = (await readdir(out)).sort();
    const truthNames = (await readdir(sharedData('synthetic-video/masks'))).sort();
    expect(written).toHaveLength(truthNames.length);
    const alphas = await Promise.all(written.map((f) => readImageGray(join(out, f))));
    const truth = await Promise.all(truthNames.map((f) => readImageGray(sharedData('synthetic-video/masks', f))));
    // The classic tracker scores 0.82 from this click (measured); the bound leaves room for noise, not for a broken path.
    expect(meanIoU(alphas, truth)).toBeGreaterThan(0.75);
  });

  it("writes the tracker's own mask (0/255, no matting) with --format mask, and says which tracker ran", { timeout: 240_000 }, async () => {
    const click = (await readFile(sharedData('synthetic-video/click.txt'), 'utf8')).trim();
    const out = join(dir, 'masks');
    const result = await render(['--video', sharedData('synthetic-video/clip.mp4'), '--point', click, '--format', 'mask', '--out', out]);
    expect(result).toMatchObject({ code: 0, err: '' });
    // No model in this test's models folder: the classic tracker, and why.
    expect(result.out).toMatch(/^Tracker: .*\(fallback: .*\)$/m);
    const written = (await readdir(out)).sort();
    expect(written[0]).toMatch(/_mask_\d+\.png$/);
    const masks = await Promise.all(written.map((f) => readImageGray(join(out, f))));
    expect(masks.every((m) => m.data.every((v) => v === 0 || v === 255))).toBe(true);
    const truth = await Promise.all((await readdir(sharedData('synthetic-video/masks'))).sort().map((f) => readImageGray(sharedData('synthetic-video/masks', f))));
    expect(meanIoU(masks, truth)).toBeGreaterThan(0.75);
  });

  it('names the prompt that does not fit the clip', async () => {
    const result = await render(['--video', sharedData('synthetic-video/clip.mp4'), '--point', '5000,10@0', '--out', join(dir, 'y')]);
    expect(result.code).toBe(1);
    expect(result.err).toMatch(/Prompts on frame 0: Prompt 1: point \(5000, 10\) is outside the 640x360 frame/);
    const missingMask = await render(['--video', sharedData('synthetic-video/clip.mp4'), '--mask', join(dir, 'nomask.png@3'), '--out', join(dir, 'y')]);
    expect(missingMask.code).toBe(1);
    expect(missingMask.err).toMatch(/nomask\.png/);
  });
});
