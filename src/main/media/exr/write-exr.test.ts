import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExrCompression } from '../../../shared/api';
import { decodeExr, exrHeader, oiioInfo } from '../../../testing/exr-tools';
import { seededRandom } from '../../../testing/fuzz/random';
import { tempFolder } from '../test-media';
import { floatToHalf } from './half';
import { encodeExr, packTimecode, zipPredict, type ExrImage } from './write-exr';

/** OpenEXR's decoding of a ZIP block before zlib's: undo the predictor, then interleave the halves again. */
function unpredict(prepared: Uint8Array): Uint8Array {
  const t = Uint8Array.from(prepared);
  for (let i = 1; i < t.length; i++) t[i] = (t[i - 1] + t[i] - 128) & 0xff;
  const out = new Uint8Array(t.length);
  const middle = (t.length + 1) >> 1;
  for (let i = 0; i < t.length; i++) out[i] = i % 2 === 0 ? t[i >> 1] : t[middle + (i >> 1)];
  return out;
}

describe('zipPredict', () => {
  it('splits even and odd bytes, then stores differences plus 128', () => {
    expect([...zipPredict(Uint8Array.from([1, 2, 3, 4, 5, 6]))]).toEqual([1, 130, 130, 125, 130, 130]);
    expect([...zipPredict(Uint8Array.from([200, 0, 10]))]).toEqual([200, 194, 118]); // odd length: two even bytes, one odd
    expect([...zipPredict(new Uint8Array())]).toEqual([]);
  });

  it('is undone by OpenEXR’s decoding, for any bytes', () => {
    const random = seededRandom(4);
    for (const length of [1, 2, 3, 17, 1000, 4097]) {
      const raw = random.bytes(length);
      expect(unpredict(zipPredict(raw))).toEqual(raw);
    }
  });
});

describe('packTimecode', () => {
  it('packs SMPTE time as binary-coded decimal with the drop-frame flag', () => {
    expect(packTimecode({ hours: 1, minutes: 2, seconds: 3, frames: 4, dropFrame: false }, 24).toString(16)).toBe('1020304');
    expect(packTimecode({ hours: 23, minutes: 59, seconds: 59, frames: 29, dropFrame: true }, 30).toString(16)).toBe('23595969');
  });

  it('counts frame pairs above 30 fps, the second of a pair flagged', () => {
    expect(packTimecode({ hours: 0, minutes: 0, seconds: 0, frames: 58, dropFrame: false }, 60).toString(16)).toBe('29');
    expect(packTimecode({ hours: 0, minutes: 0, seconds: 0, frames: 59, dropFrame: true }, 60).toString(16)).toBe('8069');
  });
});

describe('encodeExr, read back by OpenEXR and OpenImageIO', () => {
  let dir = '';
  let remove = async () => {};
  beforeAll(async () => {
    ({ dir, remove } = await tempFolder('exr'));
  });
  afterAll(() => remove());

  // Odd sizes: the last ZIP block is short.
  const [width, height] = [37, 23];
  const random = seededRandom(7);
  const values = {
    R: (x: number, y: number) => x / 36 + y / 1024,
    A: (x: number, y: number) => (x * y) / 828,
    'Car.A': (x: number) => (x % 3) / 2,
    B: () => 0.25,
    noise: () => (random.int(-60000, 60000) / 7) * (random.next() < 0.5 ? 1e-6 : 1),
  };
  /** Every pixel back, bit for bit: the dump prints nine decimals, enough to tell every half from its neighbours. */
  const expectPixels = async (path: string, { channels }: ExrImage) => {
    const decoded = await decodeExr(path);
    for (const { name, data } of channels) {
      const read = Uint16Array.from(decoded.channels.get(name)!, floatToHalf);
      expect(
        read.every((h, p) => h === data[p]),
        name,
      ).toBe(true);
    }
  };
  const image: ExrImage = {
    width,
    height,
    channels: Object.entries(values).map(([name, f]) => ({ name, data: Uint16Array.from({ length: width * height }, (_, p) => floatToHalf(f(p % width, Math.floor(p / width)))) })),
    attributes: [
      { name: 'chromaticities', type: 'chromaticities', value: { red: [0.64, 0.33], green: [0.3, 0.6], blue: [0.15, 0.06], white: [0.3127, 0.329] } },
      { name: 'timeCode', type: 'timecode', value: packTimecode({ hours: 1, minutes: 0, seconds: 0, frames: 2, dropFrame: true }, 30) },
      { name: 'framesPerSecond', type: 'rational', value: { num: 30000, den: 1001 } },
      { name: 'alphaMode', type: 'string', value: 'premultiplied' },
    ],
  };

  it.each<[ExrCompression, string, string]>([
    ['zip', 'zip, multi-scanline blocks', 'zip'],
    ['zips', 'zip, individual scanlines', 'zips'],
    ['none', 'none', 'none'],
  ])('writes %s: sorted half channels, the attributes, and pixels that decode to the values', async (compression, exrName, oiioName) => {
    const path = join(dir, `${compression}.exr`);
    await writeFile(path, await encodeExr(image, compression));

    const header = await exrHeader(path);
    expect(header).toContain('file format version: 2, flags 0x0');
    expect([...header.matchAll(/^ {4}(\S+), 16-bit floating-point, sampling 1 1$/gm)].map((m) => m[1])).toEqual(['A', 'B', 'Car.A', 'R', 'noise']);
    expect(header).toContain(`compression (type compression): ${exrName}\n`);
    expect(header).toContain('dataWindow (type box2i): (0 0) - (36 22)');
    expect(header).toMatch(/red {3}\(0\.64 0\.33\)\n\s+green \(0\.3 0\.6\)\n\s+blue {2}\(0\.15 0\.06\)\n\s+white \(0\.3127 0\.329\)/);
    expect(header).toMatch(/time 01:00:00:02\n\s+drop frame 1/);
    expect(header).toContain('framesPerSecond (type rational): 30000/1001');
    expect(header).toContain('alphaMode (type string): "premultiplied"');

    const info = await oiioInfo(path);
    expect(info).toContain('37 x   23, 5 channel, half openexr');
    expect(info).toContain(`compression: "${oiioName}"`);
    expect(info).toContain('smpte:TimeCode: 01:00:00:02'); // OpenImageIO prints no drop-frame separator

    await expectPixels(path, image);
  });

  it('compresses a smooth picture with ZIP, most over 16 scanlines', async () => {
    const smooth = { ...image, channels: image.channels.filter((c) => c.name !== 'noise') };
    const [zip, zips, none] = await Promise.all((['zip', 'zips', 'none'] as const).map(async (c) => (await encodeExr(smooth, c)).length));
    expect(zip).toBeLessThan(zips);
    expect(zips).toBeLessThan(none);
  });

  it('stores a ZIP block that zlib cannot shrink as it is', async () => {
    // Random finite halves of either sign: nothing for the predictor or zlib to find.
    const noise: ExrImage = {
      width: 16,
      height: 16,
      channels: [{ name: 'Y', data: Uint16Array.from({ length: 256 }, () => random.int(0, 0x7bff) | (random.int(0, 1) << 15)) }],
      attributes: [],
    };
    const path = join(dir, 'noise.exr');
    const file = await encodeExr(noise, 'zip');
    await writeFile(path, file);
    expect(file.readInt32LE(file.length - 512 - 4)).toBe(512); // the one chunk's size: the raw pixels
    await expectPixels(path, noise);
  });

  it('refuses what the file could not hold', async () => {
    const one = (name: string, length = 1) => ({ width: 1, height: 1, channels: [{ name, data: new Uint16Array(length) }], attributes: [] });
    await expect(encodeExr(one('x'.repeat(32)), 'zip')).rejects.toThrow(/1 to 31 printable ASCII/);
    await expect(encodeExr(one('a b'), 'zip')).rejects.toThrow(/printable ASCII/);
    await expect(encodeExr(one('A', 2), 'zip')).rejects.toThrow(/holds 2 pixels, not 1x1/);
    await expect(encodeExr({ ...one('A'), channels: [one('A').channels[0], one('A').channels[0]] }, 'zip')).rejects.toThrow(/Two EXR channels are named A/);
    await expect(encodeExr({ ...one('A'), width: 0 }, 'none')).rejects.toThrow(/cannot be 0x1/);
  });
});
