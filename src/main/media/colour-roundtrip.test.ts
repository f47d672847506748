/**
 * Colour that survives: flat colour patches go through each export and are read back within
 * rounding, and each export says what colour it holds (the source's tags, or a stated default).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaInfo, RgbaImage } from '../../shared/media';
import { decodeExr, exrHeader } from '../../testing/exr-tools';
import { exportMatte } from './encode';
import { ffmpegPath, ffprobePath, runTool } from './ffmpeg';
import { FrameReader } from './frame-reader';
import { readImageRgba } from './image-file';
import { probeMedia } from './probe';
import { tempFolder } from './test-media';

const [WIDTH, HEIGHT] = [64, 48];
/** Four flat quarters: mid grey, a skin tone, a saturated red, a near-black. */
const PATCHES = [
  { name: 'mid grey', rgb: [128, 128, 128], x: 16, y: 12 },
  { name: 'skin', rgb: [224, 172, 140], x: 48, y: 12 },
  { name: 'red', rgb: [220, 20, 20], x: 16, y: 36 },
  { name: 'near-black', rgb: [12, 10, 14], x: 48, y: 36 },
] as const;
const channelExpr = (c: number) => `if(lt(Y,24),if(lt(X,32),${PATCHES[0].rgb[c]},${PATCHES[1].rgb[c]}),if(lt(X,32),${PATCHES[2].rgb[c]},${PATCHES[3].rgb[c]}))`;

/** Sources as cameras tag them; ffprobe's names for primaries, transfer, matrix and range, and scale's for the matrix. */
const SOURCES = [
  {
    name: 'BT.709',
    primaries: 'bt709',
    transfer: 'bt709',
    movTransfer: 'bt709',
    matrix: 'bt709',
    scaleMatrix: 'bt709',
    chromaticities: [
      [0.64, 0.33],
      [0.3, 0.6],
      [0.15, 0.06],
    ],
  },
  // A .mov's colr atom names BT.601's camera curve as BT.709's: the same curve.
  {
    name: 'BT.601 525',
    primaries: 'smpte170m',
    transfer: 'smpte170m',
    movTransfer: 'bt709',
    matrix: 'smpte170m',
    scaleMatrix: 'bt601',
    chromaticities: [
      [0.63, 0.34],
      [0.31, 0.595],
      [0.155, 0.07],
    ],
  },
] as const;

interface StreamColour {
  color_primaries?: string;
  color_transfer?: string;
  color_space?: string;
  color_range?: string;
}

/** The video stream's colour tags as ffprobe reads them; the range from the first frame where the container has none (ProRes: its frame header). */
async function streamColour(path: string): Promise<StreamColour> {
  const json = await runTool(ffprobePath, ['-v', 'error', '-select_streams', 'v:0', '-show_streams', '-show_frames', '-read_intervals', '%+#1', '-of', 'json', path]);
  const probed = JSON.parse(json.toString()) as { streams: StreamColour[]; frames: StreamColour[] };
  const { color_primaries, color_transfer, color_space, color_range } = probed.streams[0];
  return { color_primaries, color_transfer, color_space, color_range: color_range ?? probed.frames[0]?.color_range };
}

/** The PNG's chunks that say what its colour is: sRGB, gAMA, cHRM (as numbers), iCCP, cICP. */
async function pngColourChunks(path: string): Promise<Record<string, number[]>> {
  const bytes = await readFile(path);
  const chunks: Record<string, number[]> = {};
  for (let at = 8; at < bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'sRGB') chunks.sRGB = [body[0]];
    if (type === 'gAMA') chunks.gAMA = [body.readUInt32BE(0) / 100000];
    if (type === 'cHRM') chunks.cHRM = Array.from({ length: 8 }, (_, i) => body.readUInt32BE(4 * i) / 100000);
    if (type === 'iCCP' || type === 'cICP') chunks[type] = [...body];
    at += 12 + length;
  }
  return chunks;
}

const patchRgb = (image: { data: ArrayLike<number>; width: number }, x: number, y: number) => [0, 1, 2].map((c) => image.data[(y * image.width + x) * 4 + c]);
const worstLevel = (a: number[], b: number[]) => Math.max(...a.map((v, c) => Math.abs(v - b[c])));
/** BT.709's camera curve (also BT.601's): linear light back to an 8-bit code. */
const bt709Code = (linear: number) => 255 * (linear < 0.018 ? 4.5 * linear : 1.099 * linear ** 0.45 - 0.099);

describe.each(SOURCES)('colour through each export from a $name source', (tags) => {
  let dir = '';
  let remove = async () => {};
  let source: MediaInfo;
  let reader: FrameReader;
  /** The source's first frame as the app decodes it: what every export must give back. */
  let reference: RgbaImage;
  const opaque = { width: WIDTH, height: HEIGHT, data: new Uint8Array(WIDTH * HEIGHT).fill(255) };
  const exportAs = (format: 'prores4444' | 'png' | 'exr', outputPath: string) =>
    exportMatte({
      source,
      format,
      outputPath,
      alphaMode: 'straight',
      range: { start: 0, end: 0 },
      renderFrame: async (i, signal) => ({ image: await reader.getFrame(i, signal), alpha: opaque }),
    });

  beforeAll(async () => {
    ({ dir, remove } = await tempFolder('colour'));
    const path = join(dir, 'patches.mov');
    // Lossless H.264 4:4:4, TV range, tagged throughout: the patches arrive as exact as 8-bit YCbCr allows.
    await runTool(ffmpegPath, [
      '-v',
      'error',
      '-y',
      '-f',
      'lavfi',
      '-i',
      `color=black:s=${WIDTH}x${HEIGHT}:r=24`,
      '-frames:v',
      '3',
      '-vf',
      `format=rgb24,geq=r='${channelExpr(0)}':g='${channelExpr(1)}':b='${channelExpr(2)}',scale=out_color_matrix=${tags.scaleMatrix}:out_range=tv,format=yuv444p`,
      '-color_primaries',
      tags.primaries,
      '-color_trc',
      tags.transfer,
      '-colorspace',
      tags.matrix,
      '-color_range',
      'tv',
      '-c:v',
      'libx264',
      '-qp',
      '0',
      path,
    ]);
    source = await probeMedia(path);
    reader = new FrameReader(source);
    reference = await reader.getFrame(0);
  });
  afterAll(async () => {
    reader.close();
    await remove();
  });

  it('starts from a source tagged as meant, decoded to the patches within coding rounding', async () => {
    expect(await streamColour(source.path)).toEqual({ color_primaries: tags.primaries, color_transfer: tags.transfer, color_space: tags.matrix, color_range: 'tv' });
    for (const patch of PATCHES) expect(worstLevel(patchRgb(reference, patch.x, patch.y), [...patch.rgb]), patch.name).toBeLessThanOrEqual(2);
  });

  it('ProRes 4444 carries the source’s primaries, transfer, matrix and range, and gives the patches back within 2 levels', async () => {
    const outputPath = join(dir, 'patches-out.mov');
    await exportAs('prores4444', outputPath);
    expect(await streamColour(outputPath)).toEqual({ color_primaries: tags.primaries, color_transfer: tags.movTransfer, color_space: tags.matrix, color_range: 'tv' });
    // Decoded the way the app decodes anything: through the file's own matrix and range tags.
    const back = new FrameReader(await probeMedia(outputPath));
    try {
      const frame = await back.getFrame(0);
      for (const patch of PATCHES) expect(worstLevel(patchRgb(frame, patch.x, patch.y), patchRgb(reference, patch.x, patch.y)), patch.name).toBeLessThanOrEqual(2);
    } finally {
      back.close();
    }
  });

  it('RGBA PNG holds the decoded code values exactly, with the source’s primaries in cHRM and no gamma of its own', async () => {
    const outputPath = join(dir, 'png');
    await exportAs('png', outputPath);
    const [file] = await readdir(outputPath);
    const png = await readImageRgba(join(outputPath, file));
    for (const patch of PATCHES) expect(worstLevel(patchRgb(png, patch.x, patch.y), patchRgb(reference, patch.x, patch.y)), patch.name).toBeLessThanOrEqual(1);
    const chunks = await pngColourChunks(join(outputPath, file));
    const [[rx, ry], [gx, gy], [bx, by]] = tags.chromaticities;
    expect(chunks.cHRM).toEqual([0.3127, 0.329, rx, ry, gx, gy, bx, by]);
    // A video transfer is no PNG gamma: the code values are left to be shown as the video's are (sRGB-like), so no gAMA/sRGB chunk.
    expect(Object.keys(chunks).sort()).toEqual(['cHRM']);
  });

  it('OpenEXR holds linear light that BT.709’s curve turns back into the patches within 2 levels, with the source’s chromaticities', async () => {
    const outputPath = join(dir, 'exr');
    await exportAs('exr', outputPath);
    const [file] = await readdir(outputPath);
    const decoded = await decodeExr(join(outputPath, file));
    for (const patch of PATCHES) {
      const linear = ['R', 'G', 'B'].map((c) => decoded.channels.get(c)![patch.y * WIDTH + patch.x]);
      expect(worstLevel(linear.map(bt709Code), patchRgb(reference, patch.x, patch.y)), patch.name).toBeLessThanOrEqual(2);
    }
    const [[rx, ry], [gx, gy], [bx, by]] = tags.chromaticities;
    expect(await exrHeader(join(outputPath, file))).toMatch(
      new RegExp(String.raw`red +\(${rx} ${ry}\)\n\s+green +\(${gx} ${gy}\)\n\s+blue +\(${bx} ${by}\)\n\s+white +\(0\.3127 0\.329\)`),
    );
  });
});

/** This ffmpeg's .mov colr atom cannot name sRGB's curve: written unspecified (the ProRes frame is still told), never claimed as BT.709. */
const SRGB_IN_MOV = undefined;

describe('colour tags of an export from an untagged RGB source', () => {
  it('ProRes 4444 and PNG state BT.709 primaries (ProRes: BT.709 transfer, matrix and TV range) by default; an sRGB-tagged source gets sRGB in the PNG', async () => {
    const { dir, remove } = await tempFolder('colour-rgb');
    try {
      await runTool(ffmpegPath, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=0x80B0E0:s=${WIDTH}x${HEIGHT}`, '-frames:v', '1', '-pix_fmt', 'rgb24', join(dir, 'plain.png')]);
      // Tags given to the decoder reach the frame, which is what this ffmpeg's PNG encoder writes sRGB/gAMA/cHRM from.
      await runTool(ffmpegPath, [
        '-v',
        'error',
        '-y',
        '-color_primaries',
        'bt709',
        '-color_trc',
        'iec61966-2-1',
        '-i',
        join(dir, 'plain.png'),
        '-pix_fmt',
        'rgb24',
        join(dir, 'srgb.png'),
      ]);
      expect(await streamColour(join(dir, 'srgb.png'))).toMatchObject({ color_primaries: 'bt709', color_transfer: 'iec61966-2-1' });
      for (const name of ['plain.png', 'srgb.png']) {
        const source = await probeMedia(join(dir, name));
        const image = await readImageRgba(join(dir, name));
        const opaque = { width: WIDTH, height: HEIGHT, data: new Uint8Array(WIDTH * HEIGHT).fill(255) };
        const renderFrame = async () => ({ image, alpha: opaque });
        const movie = join(dir, `${name}.mov`);
        await exportMatte({ source, format: 'prores4444', outputPath: movie, renderFrame });
        const srgb = name === 'srgb.png';
        expect(await streamColour(movie), name).toEqual({ color_primaries: 'bt709', color_transfer: srgb ? SRGB_IN_MOV : 'bt709', color_space: 'bt709', color_range: 'tv' });
        const folder = join(dir, `${name}-out`);
        await exportMatte({ source, format: 'png', outputPath: folder, renderFrame });
        const chunks = await pngColourChunks(join(folder, (await readdir(folder))[0]));
        expect(Object.keys(chunks).sort(), name).toEqual(srgb ? ['cHRM', 'gAMA', 'sRGB'] : ['cHRM']);
      }
    } finally {
      await remove();
    }
  });
});
