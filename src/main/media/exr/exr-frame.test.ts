import { describe, expect, it } from 'vitest';
import type { GrayImage, MediaInfo, RgbaImage } from '../../../shared/media';
import { estimateForeground } from '../../imaging/foreground';
import { exrColour } from './colour';
import { exrFrame, type ExrFrameSettings } from './exr-frame';
import { floatToHalf } from './half';
import { packTimecode } from './write-exr';

const BT709 = { red: [0.64, 0.33], green: [0.3, 0.6], blue: [0.15, 0.06], white: [0.3127, 0.329] };

describe('exrColour', () => {
  it('removes BT.709 from untagged video and sRGB from untagged images, and says it assumed them', () => {
    const video = exrColour('video', { primaries: null, transfer: null });
    expect(video.chromaticities).toEqual(BT709);
    expect(video.transferNote).toBe('bt709 (assumed: the source does not say); removed: the pixels are linear light');
    expect(video.primariesNote).toBe('bt709 (assumed: the source does not say)');
    expect([video.toLinear[0], video.toLinear[255]]).toEqual([0, 1]);
    expect(video.toLinear[128]).toBeCloseTo(((128 / 255 + 0.099) / 1.099) ** (1 / 0.45), 6);
    expect(video.toLinear[10]).toBeCloseTo(10 / 255 / 4.5, 7); // the linear toe
    const image = exrColour('sequence', { primaries: null, transfer: null });
    expect(image.transferNote).toMatch(/^iec61966-2-1 \(assumed/); // sRGB, as ffmpeg names it
    expect(image.toLinear[128]).toBeCloseTo(0.2158605, 6);
  });

  it('keeps the source’s own tags, and names the ones it cannot use', () => {
    const tagged = exrColour('video', { primaries: 'bt2020', transfer: 'smpte2084' });
    expect(tagged.chromaticities).toEqual({ red: [0.708, 0.292], green: [0.17, 0.797], blue: [0.131, 0.046], white: [0.3127, 0.329] });
    expect(tagged.primariesNote).toBe('bt2020 (from the source)');
    expect(tagged.transferNote).toMatch(/^bt709 \(assumed: the source's smpte2084 is not supported\)/);
    expect(exrColour('video', { primaries: 'constructor', transfer: 'iec61966-2-1' })).toMatchObject({
      chromaticities: BT709,
      transferNote: expect.stringMatching(/^iec61966-2-1 \(from the source\)/),
    });
  });
});

describe('exrFrame', () => {
  // One row: clear, a soft edge, opaque, a softer edge; the object's matte differs from the merged one.
  const image: RgbaImage = { width: 4, height: 1, data: Uint8Array.from([10, 20, 30, 255, 200, 100, 50, 255, 255, 128, 0, 255, 40, 80, 120, 255]) };
  const alpha: GrayImage = { width: 4, height: 1, data: Uint8Array.from([0, 128, 255, 64]) };
  const object: GrayImage = { width: 4, height: 1, data: Uint8Array.from([0, 0, 255, 255]) };
  const source = { width: 4, height: 1, kind: 'video', fps: { num: 30000, den: 1001 }, timecode: '00:00:59;28' } as MediaInfo;
  const settings = (patch: Partial<ExrFrameSettings> = {}): ExrFrameSettings => ({
    source,
    colour: exrColour('video', { primaries: null, transfer: null }),
    alphaMode: 'premultiplied',
    objectColour: false,
    ...patch,
  });
  const channel = (frame: ReturnType<typeof exrFrame>, name: string) => [...frame.channels.find((c) => c.name === name)!.data];
  const linear = (code: number) => settings().colour.toLinear[code];

  it('holds the merged matte as A, its foreground colour in linear light premultiplied, and each object’s matte as <layer>.A', () => {
    const frame = exrFrame(2, { image, alpha }, [{ name: 'Car', alpha: object }], settings());
    expect(frame.channels.map((c) => c.name)).toEqual(['A', 'R', 'G', 'B', 'Car.A']);
    expect(channel(frame, 'A')).toEqual([0, 128 / 255, 1, 64 / 255].map(floatToHalf));
    expect(channel(frame, 'Car.A')).toEqual([0, 0, 1, 1].map(floatToHalf));
    const foreground = estimateForeground(image, alpha).data;
    expect(channel(frame, 'G')).toEqual([0, 1, 2, 3].map((p) => floatToHalf((linear(foreground[4 * p + 1]) * alpha.data[p]) / 255)));
    expect(channel(frame, 'R')[2]).toBe(0x3c00); // opaque white stays 1.0
  });

  it('leaves colour straight when asked, and gives each layer its own colour when asked', () => {
    const frame = exrFrame(2, { image, alpha }, [{ name: 'Car', alpha: object }], settings({ alphaMode: 'straight', objectColour: true }));
    expect(frame.channels.map((c) => c.name)).toEqual(['A', 'R', 'G', 'B', 'Car.A', 'Car.R', 'Car.G', 'Car.B']);
    const foreground = estimateForeground(image, alpha).data;
    expect(channel(frame, 'B')).toEqual([0, 1, 2, 3].map((p) => floatToHalf(linear(foreground[4 * p + 2]))));
    // The object's matte is 0 or 255: its colour is the image's own.
    expect(channel(frame, 'Car.B')).toEqual([30, 50, 0, 120].map((code) => floatToHalf(linear(code))));
  });

  it('says what the pixels are and when the frame was shot', () => {
    const attributes = exrFrame(4, { image, alpha }, [], settings()).attributes;
    expect(attributes).toEqual([
      { name: 'chromaticities', type: 'chromaticities', value: BT709 },
      { name: 'framesPerSecond', type: 'rational', value: { num: 30000, den: 1001 } },
      { name: 'alphaMode', type: 'string', value: 'premultiplied' },
      { name: 'sourceTransfer', type: 'string', value: 'bt709 (assumed: the source does not say); removed: the pixels are linear light' },
      { name: 'sourcePrimaries', type: 'string', value: 'bt709 (assumed: the source does not say)' },
      // 00:00:59;28 + 4 frames: 00:01:00;00 and ;01 are dropped.
      { name: 'timeCode', type: 'timecode', value: packTimecode({ hours: 0, minutes: 1, seconds: 0, frames: 4, dropFrame: true }, 30) },
    ]);
    expect(exrFrame(0, { image, alpha }, [], settings({ source: { ...source, timecode: null } })).attributes.map((a) => a.name)).not.toContain('timeCode');
  });
});
