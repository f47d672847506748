import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrayImage, MediaInfo } from '../../shared/media';
import { decodeExr, exrChannelToPng, exrHeader, oiioInfo } from '../../testing/exr-tools';
import { SHARED_DATA_TAG, sharedData } from '../../testing/paths';
import { estimateForeground } from '../imaging/foreground';
import { describeExport, readAlphaFrames } from './describe-export';
import { exportMatte, exportBaseName, type ExportOptions } from './encode';
import { withAlpha } from './export-frame';
import { ffmpegPath, MediaError, runTool } from './ffmpeg';
import { FrameReader } from './frame-reader';
import { readImageGray, readImageRgba } from './image-file';
import { probeMedia } from './probe';
import { tempFolder } from './test-media';

/** A soft ellipse that moves with the frame over a horizontal ramp: every alpha level, and different per frame. */
function syntheticMatte(width: number, height: number, frame: number): GrayImage {
  const data = new Uint8Array(width * height);
  const cx = width * (0.3 + 0.02 * frame);
  const cy = height * 0.5;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.hypot((x - cx) / (width * 0.2), (y - cy) / (height * 0.3));
      const ellipse = Math.min(1, Math.max(0, (1.1 - d) * 4));
      const ramp = x / (width - 1);
      data[y * width + x] = Math.round(255 * Math.max(ellipse, 0.5 * ramp));
    }
  }
  return { width, height, data };
}

function maxDifference(a: Uint8Array, b: Uint8Array, stride = 1, offset = 0): number {
  let max = 0;
  for (let i = offset; i < a.length; i += stride) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('exportMatte', { tags: [SHARED_DATA_TAG] }, () => {
  let dir = '';
  let remove = async () => {};
  let dog: MediaInfo;
  let reader: FrameReader;
  const mattes = new Map<number, GrayImage>();
  const matteOf = (index: number) => {
    if (!mattes.has(index)) mattes.set(index, syntheticMatte(dog.width, dog.height, index));
    return mattes.get(index)!;
  };
  const options = (overrides: Partial<ExportOptions> & Pick<ExportOptions, 'format' | 'outputPath'>): ExportOptions => ({
    source: dog,
    renderFrame: async (index, signal) => ({ image: await reader.getFrame(index, signal), alpha: matteOf(index) }),
    ...overrides,
  });

  beforeAll(async () => {
    ({ dir, remove } = await tempFolder('export'));
    dog = await probeMedia(sharedData('clips/01_dog.mp4'));
    reader = new FrameReader(dog);
  });
  afterAll(async () => {
    reader.close();
    await remove();
  });

  it('writes ProRes 4444 with alpha, the exact frame rate, audio, BT.709 tags and the timecode moved to the range start', async () => {
    const outputPath = join(dir, 'dog.mov');
    const progress: number[] = [];
    const result = await exportMatte(options({ format: 'prores4444', outputPath, range: { start: 100, end: 111 }, onProgress: (done, total) => progress.push(done / total) }));
    expect(result).toEqual({ outputPath, frames: 12 });
    expect(progress).toHaveLength(12);
    expect(progress.at(-1)).toBe(1);
    expect(await readdir(dir)).toEqual(['dog.mov']); // no temporary file left

    const facts = await describeExport(outputPath);
    expect(facts).toMatchObject({
      codec: 'prores',
      width: 1280,
      height: 720,
      fps: '30000/1001',
      frameCount: 12,
      timecode: '00:00:03:10', // 00:00:00:00 + 100 frames at 30 fps nominal
      audioCodec: 'aac',
      colorSpace: 'bt709',
      colorPrimaries: 'bt709',
      colorTransfer: 'bt709',
    });
    expect(facts.profile).toMatch(/4444/);
    expect(facts.pixelFormat).toMatch(/^yuva444p1[02]le$/); // written 10-bit; newer decoders widen ProRes 4444 to 12

    const alphas = await readAlphaFrames(outputPath, 1280, 720);
    expect(alphas).toHaveLength(12);
    alphas.forEach((alpha, i) => expect(maxDifference(alpha.data, matteOf(100 + i).data), `alpha of frame ${i}`).toBeLessThanOrEqual(1));

    // Colour (the frame's, decontaminated under the matte) survives 10-bit 4:4:4 within rounding, read back through the BT.709 tags.
    const exported = new FrameReader(await probeMedia(outputPath));
    try {
      for (const i of [0, 11]) {
        const back = await exported.getFrame(i);
        const original = withAlpha(await reader.getFrame(100 + i), matteOf(100 + i), 'straight');
        for (const channel of [0, 1, 2]) expect(maxDifference(back.data, original, 4, channel)).toBeLessThanOrEqual(3);
      }
    } finally {
      exported.close();
    }
  });

  it('copies the audio of exactly the exported span', async () => {
    // A 1 kHz click at 4.0 s; exporting from frame 100 (3.3367 s) must put it at 0.6633 s.
    const clickPath = join(dir, 'click.mp4');
    await runTool(ffmpegPath, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      'color=gray:s=64x48:r=30000/1001:d=6',
      '-f',
      'lavfi',
      '-i',
      "aevalsrc='if(between(t,4,4.05),sin(2*PI*1000*t),0)':s=48000:d=6",
      '-c:v',
      'libx264',
      '-c:a',
      'aac',
      '-shortest',
      clickPath,
    ]);
    const click = await probeMedia(clickPath);
    const clickReader = new FrameReader(click);
    const outputPath = join(dir, 'click.mov');
    const alpha = { width: 64, height: 48, data: new Uint8Array(64 * 48).fill(255) };
    await exportMatte({
      source: click,
      format: 'prores4444',
      outputPath,
      range: { start: 100, end: 159 },
      renderFrame: async (i) => ({ image: await clickReader.getFrame(i), alpha }),
    });
    clickReader.close();
    const pcm = await runTool(ffmpegPath, ['-v', 'error', '-i', outputPath, '-map', '0:a', '-f', 's16le', '-ac', '1', '-ar', '48000', 'pipe:1']);
    const samples = new Int16Array(pcm.buffer, pcm.byteOffset, pcm.length / 2);
    const clickAt = samples.findIndex((v) => Math.abs(v) > 1000) / 48000;
    expect(clickAt).toBeCloseTo(4 - (100 * 1001) / 30000, 2); // within 5 ms
    expect(Math.abs(samples.length / 48000 - (60 * 1001) / 30000)).toBeLessThan(0.05); // the span, give or take an AAC packet
  });

  it('keeps drop-frame timecode and leaves out audio the source does not have', async () => {
    const source: MediaInfo = { ...dog, timecode: '00:00:59;28', hasAudio: false };
    const outputPath = join(dir, 'df.mov');
    await exportMatte(options({ source, format: 'prores4444', outputPath, range: { start: 3, end: 4 } }));
    expect(await describeExport(outputPath)).toMatchObject({ timecode: '00:01:00;03', audioCodec: null, frameCount: 2 });
  });

  it('writes an RGBA PNG sequence numbered by source frame, pixel for pixel', async () => {
    const outputPath = join(dir, 'png');
    await exportMatte(options({ format: 'png', outputPath, range: { start: 5, end: 7 } }));
    expect(await readdir(outputPath)).toEqual(['01_dog_00005.png', '01_dog_00006.png', '01_dog_00007.png']);
    for (const index of [5, 7]) {
      const png = await readImageRgba(join(outputPath, `01_dog_${String(index).padStart(5, '0')}.png`));
      const expected = withAlpha(await reader.getFrame(index), matteOf(index), 'straight');
      expect(Buffer.from(png.data).equals(Buffer.from(expected))).toBe(true);
    }
  });

  it('premultiplies colour by alpha when asked', async () => {
    const outputPath = join(dir, 'premultiplied');
    await exportMatte(options({ format: 'png', outputPath, range: { start: 9, end: 9 }, alphaMode: 'premultiplied' }));
    const png = await readImageRgba(join(outputPath, '01_dog_00009.png'));
    const frame = await reader.getFrame(9);
    expect(Buffer.from(png.data).equals(Buffer.from(withAlpha(frame, matteOf(9), 'premultiplied')))).toBe(true);
    // Where alpha is 0 the colour is black; where it is partial the (decontaminated) colour is scaled down.
    const alpha = matteOf(9).data;
    const straight = withAlpha(frame, matteOf(9), 'straight');
    const clear = alpha.indexOf(0);
    const partial = alpha.findIndex((a, p) => a > 60 && a < 200 && straight[p * 4] > 100);
    expect([...png.data.subarray(clear * 4, clear * 4 + 4)]).toEqual([0, 0, 0, 0]);
    expect(png.data[partial * 4]).toBe(Math.round((straight[partial * 4] * alpha[partial]) / 255));
  });

  it('writes OpenEXR frames named by source frame: linear colour under the matte, a layer per object, the source’s colour, rate and timecode', async () => {
    const outputPath = join(dir, 'exr');
    const ramp = syntheticMatte(dog.width, dog.height, 200); // the ellipse is off the picture: a ramp alone
    await exportMatte(
      options({
        format: 'exr',
        outputPath,
        range: { start: 100, end: 101 },
        exr: { objectColour: true },
        renderFrame: async (index, signal) => ({
          image: await reader.getFrame(index, signal),
          alpha: matteOf(index),
          layers: [
            { name: 'Dog', alpha: matteOf(index) },
            { name: 'Ramp', alpha: ramp },
          ],
        }),
      }),
    );
    expect(await readdir(outputPath)).toEqual(['01_dog_00100.exr', '01_dog_00101.exr']);
    const file = join(outputPath, '01_dog_00100.exr');

    const header = await exrHeader(file);
    const channels = [...header.matchAll(/^ {4}(\S+), 16-bit floating-point/gm)].map((m) => m[1]);
    expect(channels).toEqual(['A', 'B', 'Dog.A', 'Dog.B', 'Dog.G', 'Dog.R', 'G', 'R', 'Ramp.A', 'Ramp.B', 'Ramp.G', 'Ramp.R']);
    expect(header).toContain('compression (type compression): zip, multi-scanline blocks');
    expect(header).toMatch(/red {3}\(0\.64 0\.33\)\n\s+green \(0\.3 0\.6\)\n\s+blue {2}\(0\.15 0\.06\)\n\s+white \(0\.3127 0\.329\)/);
    expect(header).toMatch(/time 00:00:03:10\n\s+drop frame 0/); // 00:00:00:00 + 100 frames
    expect(header).toContain('framesPerSecond (type rational): 30000/1001');
    expect(header).toContain('alphaMode (type string): "premultiplied"'); // the default for EXR
    expect(header).toContain('sourceTransfer (type string): "bt709 (from the source); removed: the pixels are linear light"');
    expect(await oiioInfo(file)).toMatch(/1280 x\s+720, 12 channel, half openexr/);

    // The mattes, through OpenImageIO to 8 bits: exactly what was exported.
    for (const [channel, truth] of [
      ['A', matteOf(100)],
      ['Ramp.A', ramp],
    ] as const) {
      await exrChannelToPng(file, channel, join(dir, 'exr-alpha.png'));
      expect(maxDifference((await readImageGray(join(dir, 'exr-alpha.png'))).data, truth.data), channel).toBe(0);
    }
    // Colour over a soft edge: the foreground estimate, BT.709 removed, premultiplied by A, to half precision.
    const region = { x: 600, y: 300, width: 24, height: 12 };
    const decoded = await decodeExr(file, region);
    const foreground = estimateForeground(await reader.getFrame(100), matteOf(100)).data;
    const linear = (code: number) => (code / 255 < 0.081 ? code / 255 / 4.5 : ((code / 255 + 0.099) / 1.099) ** (1 / 0.45));
    let worst = 0;
    for (let y = 0; y < region.height; y++) {
      for (let x = 0; x < region.width; x++) {
        const p = (region.y + y) * dog.width + region.x + x;
        const a = matteOf(100).data[p] / 255;
        (['R', 'G', 'B'] as const).forEach((name, c) => {
          const expected = linear(foreground[4 * p + c]) * a;
          worst = Math.max(worst, Math.abs(decoded.channels.get(name)![y * region.width + x] - expected) / Math.max(expected, 2 ** -14));
        });
      }
    }
    expect(worst).toBeLessThan(2 ** -10);
  });

  it('leaves no OpenEXR frames behind when cancelled', async () => {
    const controller = new AbortController();
    const outputPath = join(dir, 'exr-cancelled');
    const run = exportMatte(
      options({ format: 'exr', outputPath, range: { start: 0, end: 30 }, signal: controller.signal, onProgress: (done) => done === 2 && controller.abort() }),
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect((await readdir(dir)).filter((name) => name.includes('exr-cancelled'))).toEqual([]);
  });

  it('writes the matte alone as 8-bit grey PNGs, exactly', async () => {
    const outputPath = join(dir, 'matte');
    await exportMatte(options({ format: 'matte', outputPath, range: { start: 0, end: 1 } }));
    expect(await readdir(outputPath)).toEqual(['01_dog_matte_00000.png', '01_dog_matte_00001.png']);
    const png = await readImageGray(join(outputPath, '01_dog_matte_00001.png'));
    expect(Buffer.from(png.data).equals(Buffer.from(matteOf(1).data))).toBe(true);
  });

  it('cancels mid-export: AbortError, no file left, an existing file untouched', async () => {
    const outputPath = join(dir, 'cancelled', 'shot.mov');
    await mkdir(join(dir, 'cancelled'));
    await writeFile(outputPath, 'the previous export');
    const controller = new AbortController();
    const run = exportMatte(
      options({ format: 'prores4444', outputPath, range: { start: 0, end: 60 }, signal: controller.signal, onProgress: (done) => done === 3 && controller.abort() }),
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(await readdir(join(dir, 'cancelled'))).toEqual(['shot.mov']);
    expect(await readFile(outputPath, 'utf8')).toBe('the previous export');
  });

  it('makes missing folders for the output, and removes them again on cancel', async () => {
    const outputPath = join(dir, 'made', 'for', 'it.mov');
    await exportMatte(options({ format: 'prores4444', outputPath, range: { start: 0, end: 0 } }));
    expect(await readdir(join(dir, 'made', 'for'))).toEqual(['it.mov']);

    const controller = new AbortController();
    const sequence = join(dir, 'made-then-cancelled', 'png');
    const run = exportMatte(
      options({ format: 'png', outputPath: sequence, range: { start: 0, end: 30 }, signal: controller.signal, onProgress: (done) => done === 2 && controller.abort() }),
    );
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect((await readdir(dir)).filter((name) => name.startsWith('made-then-cancelled'))).toEqual([]);
  });

  it('fails clearly on a bad output path', async () => {
    await writeFile(join(dir, 'a-file'), '');
    await expect(exportMatte(options({ format: 'prores4444', outputPath: join(dir, 'a-file', 'x', 'a.mov') }))).rejects.toThrow(
      /^Cannot export to .*a\.mov: .*a-file\/x is not a folder \(a file is in the way\)$/,
    );
    await expect(exportMatte(options({ format: 'png', outputPath: join(dir, 'a-file') }))).rejects.toThrow(/a-file: it is a file, not a folder/);
    await expect(exportMatte(options({ format: 'prores4444', outputPath: dir }))).rejects.toThrow(/it is a folder; give a file name/);
  });

  it('fails clearly when ffmpeg fails or a frame cannot be rendered, leaving nothing', async () => {
    const broken: MediaInfo = { ...dog, width: 0, height: 0, hasAudio: false };
    const empty = { width: 0, height: 0, data: new Uint8Array(0) };
    const outputPath = join(dir, 'failing', 'x.mov');
    await mkdir(join(dir, 'failing'));
    const ffmpegFailure = await exportMatte({
      source: broken,
      format: 'prores4444',
      outputPath,
      range: { start: 0, end: 0 },
      renderFrame: async () => ({ image: empty, alpha: empty }),
    }).catch((e: unknown) => e);
    expect(ffmpegFailure).toBeInstanceOf(MediaError);
    expect((ffmpegFailure as Error).message).toMatch(/^Export to .*x\.mov failed: \S/);
    await expect(
      exportMatte(
        options({ format: 'prores4444', outputPath, range: { start: 0, end: 5 }, renderFrame: async (index) => Promise.reject(new Error(`no matte for frame ${index}`)) }),
      ),
    ).rejects.toThrow('no matte for frame 0');
    await expect(exportMatte(options({ format: 'matte', outputPath: join(dir, 'failing', 'm'), renderFrame: async () => ({ image: empty, alpha: empty }) }))).rejects.toThrow(
      /0x0 image; the export is 1280x720/,
    );
    expect(await readdir(join(dir, 'failing'))).toEqual([]);
  });

  it('refuses a range outside the clip', async () => {
    await expect(exportMatte(options({ format: 'png', outputPath: join(dir, 'r'), range: { start: 5, end: 289 } }))).rejects.toThrow(RangeError);
    await expect(exportMatte(options({ format: 'png', outputPath: join(dir, 'r'), range: { start: 5, end: 4 } }))).rejects.toThrow(RangeError);
  });

  it('names exported frames after the clip, or the sequence', () => {
    expect(exportBaseName(dog)).toBe('01_dog');
    const sequence = { ...dog, kind: 'sequence' as const, path: '/shots/s01/plate_0100.exr', sequencePattern: '/shots/s01/plate_%04d.exr' };
    expect(exportBaseName(sequence)).toBe('plate');
    expect(exportBaseName({ ...sequence, path: '/shots/s01/0100.exr', sequencePattern: '/shots/s01/%04d.exr' })).toBe('s01');
  });
});
