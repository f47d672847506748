import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportRequest } from '../../shared/api';
import type { GrayImage, MediaInfo } from '../../shared/media';
import { DEMO, demoCentre, writeDemoClip } from '../../cli/demo-clip';
import { decodeExr } from '../../testing/exr-tools';
import { describeExport, readAlphaFrames } from '../media/describe-export';
import { FrameReader } from '../media/frame-reader';
import { readImageGray } from '../media/image-file';
import { probeMedia } from '../media/probe';
import { CODED_FRAME_SIZE, H264_GOP12, tempFolder, writeCodedClip } from '../media/test-media';
import type { MatteTarget, RenderOptions } from '../engine/engine';
import { SequenceStabilizer } from '../engine/matting/sequence-stabilizer';
import { NEUTRAL_MATTE } from '../../shared/matte-controls';
import { perObjectPaths, planExport, runExport, safeFileName, type ExportClip, type ExportRun } from './export-job';
import { createJobWaiter } from './job-waiter';
import { StudioService } from './studio-service';

const { width, height } = CODED_FRAME_SIZE;

/** Object 1 covers the left third, object 2 the right third, each shifted one pixel per frame: outputs must differ by object and by frame. */
function objectAlpha(objectIds: number[], frame: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const left = objectIds.includes(1) && x < width / 3 + frame;
      const right = objectIds.includes(2) && x >= (2 * width) / 3 - frame;
      data[y * width + x] = left || right ? 255 : 0;
    }
  }
  return { width, height, data };
}

const objects = [
  { objectId: 1, name: 'Hair & face' },
  { objectId: 2, name: '../Car' },
];

describe('planExport', () => {
  const info = { frameCount: 10 } as MediaInfo;
  const clip: ExportClip = { info, settings: { inPoint: null, outPoint: null }, objects };
  const request = (patch: Partial<ExportRequest>): ExportRequest => ({ mediaId: 'm', format: 'matte', outputPath: '/out/dir', ...patch });

  it('uses the in/out points when no range is given, and a given range over them', () => {
    const withPoints = { ...clip, settings: { inPoint: 3, outPoint: 6 } };
    expect(planExport(request({}), withPoints)).toMatchObject({ range: { start: 3, end: 6 } });
    expect(planExport(request({ range: { start: 0, end: 9 } }), withPoints)).toMatchObject({ range: { start: 0, end: 9 } });
    expect(planExport(request({}), clip)).toMatchObject({ range: { start: 0, end: 9 } });
  });

  it('merges all objects by default, or writes one output per chosen object', () => {
    expect(planExport(request({}), clip).outputs).toEqual([{ path: '/out/dir', objectIds: [1, 2] }]);
    expect(planExport(request({ split: 'per-object', objectIds: [2] }), clip).outputs).toEqual([{ path: '/out/dir/Car', objectIds: [2] }]);
    expect(planExport(request({ split: 'per-object', format: 'prores4444', outputPath: '/out/shot.mov' }), clip).outputs.map((o) => o.path)).toEqual([
      '/out/shot_Hair_face.mov',
      '/out/shot_Car.mov',
    ]);
  });

  it('plans OpenEXR: premultiplied unless asked, ZIP, a valid layer name per object', () => {
    expect(planExport(request({ format: 'exr' }), clip)).toMatchObject({
      alphaMode: 'premultiplied',
      exr: {
        compression: 'zip',
        objectColour: false,
        layers: new Map([
          [1, 'Hair_face'],
          [2, 'Car'],
        ]),
      },
    });
    expect(planExport(request({ format: 'exr', alphaMode: 'straight', exr: { compression: 'none', objectColour: true } }), clip)).toMatchObject({
      alphaMode: 'straight',
      exr: { compression: 'none', objectColour: true },
    });
    expect(planExport(request({}), clip)).toMatchObject({ alphaMode: 'straight', exr: null });
    expect(() => planExport(request({ exr: {} }), clip)).toThrow(/EXR options go with the exr format, not matte/);
    expect(() => planExport(request({ format: 'exr', exr: { compression: 'piz' as never } }), clip)).toThrow(/Unknown EXR compression piz; use zip, zips, none/);
    expect(() => planExport(request({ format: 'exr', exr: { objectColour: 'yes' as never } }), clip)).toThrow(/objectColour must be true or false/);
    expect(() => planExport(request({ format: 'exr', exr: 'zip' as never }), clip)).toThrow(/exr must be an object/);
  });

  it('refuses bad requests with a message that says what is wrong', () => {
    expect(() => planExport(request({ range: { start: 7, end: 2 } }), clip)).toThrow(/7-2 is empty/);
    expect(() => planExport(request({ range: { start: 0, end: 10 } }), clip)).toThrow(/Frame 10 is out of range/);
    expect(() => planExport(request({ range: { start: Number.NaN, end: 9 } }), clip)).toThrow(/Frame NaN is out of range/);
    expect(() => planExport(request({ format: 'gif' as never }), clip)).toThrow(/Unknown export format gif/);
    expect(() => planExport(request({ split: 'layers' as never }), clip)).toThrow(/Unknown split layers/);
    expect(() => planExport(request({ objectIds: [9] }), clip)).toThrow(/Object 9 does not exist/);
    expect(() => planExport(request({ objectIds: [2, 1, 2] }), clip)).toThrow(/Object 2 is chosen twice/);
    expect(() => planExport(request({ outputPath: ' ' }), clip)).toThrow(/Choose where/);
    expect(() => planExport(request({ split: 'per-object' }), { ...clip, objects: [] })).toThrow(/no objects/);
  });
});

describe('per-object file names', () => {
  it('makes names safe on every platform and never lets two objects share one', () => {
    expect(safeFileName('Hair & face', 'x')).toBe('Hair_face');
    expect(safeFileName('../../etc/passwd', 'x')).toBe('etc_passwd');
    expect(safeFileName('Zoë 2', 'x')).toBe('Zoë_2');
    expect(safeFileName('...', 'object-3')).toBe('object-3');
    expect(safeFileName('CON', 'x')).toBe('CON_');
    expect(safeFileName('a'.repeat(300), 'x')).toHaveLength(80);
    const twins = [
      { objectId: 1, name: 'Car' },
      { objectId: 2, name: 'car' },
      { objectId: 3, name: '' },
    ];
    expect(perObjectPaths('png', '/o', twins)).toEqual(['/o/Car', '/o/car_2', '/o/object-3']);
  });
});

describe('runExport', () => {
  let dir = '';
  let remove = async () => {};
  let info: MediaInfo;
  let reader: FrameReader;
  /** An engine whose objects' alphas are objectAlpha's; `onRender` sees each render's objects first (it may throw). */
  const engineOf = (onRender: (objectIds: number[]) => void = () => {}): ExportRun['engine'] => ({
    sequence: () => new SequenceStabilizer(),
    async renderFrame(index: number, targets: readonly MatteTarget[], options: RenderOptions) {
      const objectIds = targets.map((t) => t.objectId);
      onRender(objectIds);
      const objects = objectIds.map((objectId) => ({ objectId, mask: objectAlpha([objectId], index), alpha: objectAlpha([objectId], index), decontamination: 1 }));
      const source = { head: options.head, headName: 'objectAlpha', quality: options.quality, width, height };
      return { image: await reader.getFrame(index, options.signal), alpha: objectAlpha(objectIds, index), objects, source };
    },
  });
  const run = (patch: Partial<ExportRun> = {}): ExportRun => ({
    info,
    engine: engineOf(),
    targets: new Map(objects.map((o) => [o.objectId, { objectId: o.objectId, controls: NEUTRAL_MATTE }])),
    choice: { head: 'guided-filter', quality: 'final' },
    ...patch,
  });
  const clip = (): ExportClip => ({ info, settings: { inPoint: 2, outPoint: 5 }, objects });

  beforeAll(async () => {
    ({ dir, remove } = await tempFolder('export-job'));
    info = await probeMedia(await writeCodedClip(join(dir, 'coded.mp4'), { frames: 8, fps: '24', codecArgs: H264_GOP12 }));
    reader = new FrameReader(info);
  });
  afterAll(async () => {
    reader.close();
    await remove();
  });

  it('writes one ProRes 4444 file per object over the in/out points, each with its own alpha', async () => {
    const plan = planExport({ mediaId: 'm', format: 'prores4444', outputPath: join(dir, 'shot.mov'), split: 'per-object' }, clip());
    const progress: number[] = [];
    const result = await runExport(plan, run({ onProgress: (done, total) => progress.push(done / total) }));
    expect(result).toMatchObject({ frames: 4, outputs: [join(dir, 'shot_Hair_face.mov'), join(dir, 'shot_Car.mov')] });
    expect(progress.at(-1)).toBe(1);
    for (const [i, path] of result.outputs!.entries()) {
      expect(await describeExport(path)).toMatchObject({ codec: 'prores', profile: '4444', pixelFormat: expect.stringMatching(/^yuva444p1[02]le$/), frameCount: 4, fps: '24/1' });
      const alphas = await readAlphaFrames(path, width, height);
      alphas.forEach((alpha, f) => {
        const truth = objectAlpha([i + 1], f + 2).data;
        expect(alpha.data.every((a, p) => Math.abs(a - truth[p]) <= 1)).toBe(true);
      });
    }
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual([]);
  });

  it('writes matte folders per object, frames named by source frame', async () => {
    const out = join(dir, 'mattes');
    const plan = planExport({ mediaId: 'm', format: 'matte', outputPath: out, split: 'per-object', range: { start: 6, end: 7 } }, clip());
    await runExport(plan, run());
    expect((await readdir(out)).sort()).toEqual(['Car', 'Hair_face']);
    const files = (await readdir(join(out, 'Car'))).sort();
    expect(files).toEqual(['coded_matte_00006.png', 'coded_matte_00007.png']);
    expect((await readImageGray(join(out, 'Car', files[1]))).data).toEqual(objectAlpha([2], 7).data);
  });

  it('writes OpenEXR frames with the merged matte as A and each object’s as its layer', async () => {
    const out = join(dir, 'exr');
    const plan = planExport({ mediaId: 'm', format: 'exr', outputPath: out, range: { start: 6, end: 7 } }, clip());
    const rendered: number[][] = [];
    await runExport(plan, run({ engine: engineOf((objectIds) => rendered.push(objectIds)) }));
    // One render a frame: the layers are its objects' own alphas.
    expect(rendered).toEqual([
      [1, 2],
      [1, 2],
    ]);
    expect((await readdir(out)).sort()).toEqual(['coded_00006.exr', 'coded_00007.exr']);
    const { channels } = await decodeExr(join(out, 'coded_00007.exr'));
    expect([...channels.keys()].sort()).toEqual(['A', 'B', 'Car.A', 'G', 'Hair_face.A', 'R']);
    for (const [name, objectIds] of [
      ['A', [1, 2]],
      ['Hair_face.A', [1]],
      ['Car.A', [2]],
    ] as const) {
      expect(
        [...channels.get(name)!].map((a) => a * 255),
        name,
      ).toEqual([...objectAlpha([...objectIds], 7).data]);
    }
  });

  it('writes an OpenEXR folder per object, the matte rendered once for A and the layer', async () => {
    const out = join(dir, 'exr-split');
    const plan = planExport({ mediaId: 'm', format: 'exr', outputPath: out, split: 'per-object', range: { start: 6, end: 6 }, exr: { objectColour: true } }, clip());
    let rendered = 0;
    await runExport(plan, run({ engine: engineOf(() => rendered++) }));
    expect(rendered).toBe(2);
    const { channels } = await decodeExr(join(out, 'Car', 'coded_00006.exr'));
    expect([...channels.keys()].sort()).toEqual(['A', 'B', 'Car.A', 'Car.B', 'Car.G', 'Car.R', 'G', 'R']);
  });

  it('writes nothing when one object fails, and leaves an existing file as it was', async () => {
    const existing = join(dir, 'keep_Hair_face.mov');
    await writeFile(existing, 'an earlier export');
    const plan = planExport({ mediaId: 'm', format: 'prores4444', outputPath: join(dir, 'keep.mov'), split: 'per-object' }, clip());
    const failing = run({
      engine: engineOf((objectIds) => {
        if (objectIds[0] === 2) throw new Error('the matting head broke');
      }),
    });
    await expect(runExport(plan, failing)).rejects.toThrow(/the matting head broke/);
    expect(await readFile(existing, 'utf8')).toBe('an earlier export');
    expect((await readdir(dir)).filter((n) => n.startsWith('keep') || n.startsWith('.'))).toEqual(['keep_Hair_face.mov']);
  });

  it('fails before rendering when a target cannot be written', async () => {
    const blocker = join(dir, 'file-in-the-way');
    await writeFile(blocker, '');
    const plan = planExport({ mediaId: 'm', format: 'matte', outputPath: join(blocker, 'out'), split: 'per-object' }, clip());
    let rendered = 0;
    const counting = run({ engine: engineOf(() => rendered++) });
    await expect(runExport(plan, counting)).rejects.toThrow(/Cannot export to .*file-in-the-way.*not a folder/);
    expect(rendered).toBe(0);
  });
});

describe('StudioService.exportMatte', () => {
  const waiter = createJobWaiter();
  const service = new StudioService({ emit: waiter.emit, modelsDir: '/nonexistent/models' });
  let dir = '';
  let remove = async () => {};

  beforeAll(async () => {
    ({ dir, remove } = await tempFolder('export-service'));
    await writeDemoClip(join(dir, 'demo.mp4'));
  });
  afterAll(async () => {
    await service.close();
    await remove();
  });

  it('exports each object of a clip over its in/out points, the merged matte holding both', async () => {
    const { mediaId } = await service.openMedia(join(dir, 'demo.mp4'));
    const disc = await service.createObject(mediaId, 'Disc');
    const corner = await service.createObject(mediaId, 'Corner');
    const { x, y } = demoCentre(0);
    await service.setPrompts(mediaId, disc.objectId, 0, [{ kind: 'point', x, y, positive: true }]);
    await service.setPrompts(mediaId, corner.objectId, 0, [{ kind: 'box', x0: 560, y0: 10, x1: 630, y1: 60 }]);
    await service.updateSettings(mediaId, { inPoint: 0, outPoint: 1 });
    await waiter.wait((await service.propagate(mediaId, { direction: 'forward', range: { start: 0, end: 1 } })).jobId);

    const split = await waiter.wait((await service.exportMatte({ mediaId, format: 'matte', outputPath: join(dir, 'split'), split: 'per-object' })).jobId);
    expect(split).toMatchObject({ frames: 2, outputs: [join(dir, 'split', 'Disc'), join(dir, 'split', 'Corner')] });
    const read = (folder: string) => readImageGray(join(dir, folder, 'demo_matte_00001.png'));
    const [discAlpha, cornerAlpha] = await Promise.all([read('split/Disc'), read('split/Corner')]);
    const merged = await waiter.wait((await service.exportMatte({ mediaId, format: 'matte', outputPath: join(dir, 'merged') })).jobId);
    expect(merged?.outputs).toEqual([join(dir, 'merged')]);
    const mergedAlpha = await read('merged');
    const covered = (image: GrayImage, px: number, py: number) => image.data[Math.round(py) * DEMO.width + Math.round(px)] >= 128;
    const centre = demoCentre(1);
    expect([covered(discAlpha, centre.x, centre.y), covered(cornerAlpha, centre.x, centre.y), covered(mergedAlpha, centre.x, centre.y)]).toEqual([true, false, true]);
    expect([covered(discAlpha, 595, 35), covered(cornerAlpha, 595, 35), covered(mergedAlpha, 595, 35)]).toEqual([false, true, true]);
    expect(await readdir(join(dir, 'merged'))).toHaveLength(2);
  });
});
