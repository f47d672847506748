import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHARED_DATA_TAG, sharedData } from '../../testing/paths';
import { ffmpegPath, MediaError, runTool } from './ffmpeg';
import { probeMedia, sourceDetails } from './probe';
import { H264_GOP12, tempFolder, writeCodedClip } from './test-media';

const NTSC = { num: 30000, den: 1001 };

describe('probeMedia on real footage', { tags: [SHARED_DATA_TAG] }, () => {
  it('reads an H.264 clip with AAC audio and a timecode track exactly', async () => {
    const info = await probeMedia(sharedData('clips/01_dog.mp4'));
    expect(info).toMatchObject({
      path: sharedData('clips/01_dog.mp4'),
      kind: 'video',
      width: 1280,
      height: 720,
      fps: NTSC,
      frameCount: 289,
      timecode: '00:00:00:00',
      hasAudio: true,
      videoCodec: 'h264',
      sequencePattern: null,
    });
    expect(info.duration).toBeCloseTo((289 * 1001) / 30000, 6);
    const details = await sourceDetails(info);
    expect(details.frameTimes).toHaveLength(289);
    expect(details.frameTimes[1]).toBeCloseTo(1001 / 30000, 9);
    expect(details.yuv).toEqual({ matrix: 'bt709', fullRange: false });
    expect(details.colour).toEqual({ primaries: 'bt709', transfer: 'bt709' });
    expect(details.audioCodec).toBe('aac');
  });

  it('reads a clip without audio or timecode', async () => {
    const info = await probeMedia(sharedData('bedroom/bedroom.mp4'));
    expect(info).toMatchObject({ kind: 'video', width: 960, height: 540, fps: { num: 30, den: 1 }, frameCount: 200, hasAudio: false, timecode: null });
    expect((await sourceDetails(info)).colour).toEqual({ primaries: null, transfer: null }); // ffprobe: "unknown"
  });

  it('reads a folder of numbered images as a sequence at 24 fps unless told', async () => {
    const folder = sharedData('synthetic-video/frames');
    const info = await probeMedia(folder);
    expect(info).toMatchObject({
      kind: 'sequence',
      path: join(folder, '00000.png'),
      sequencePattern: join(folder, '%05d.png'),
      sequenceStart: 0,
      frameCount: 48,
      width: 640,
      height: 360,
      fps: { num: 24, den: 1 },
      hasAudio: false,
      videoCodec: 'png',
    });
    expect(info.duration).toBe(2);
    expect((await probeMedia(folder, { sequenceFps: { num: 25, den: 1 } })).fps).toEqual({ num: 25, den: 1 });
  });

  it('reads one numbered image as the whole sequence around it', async () => {
    const info = await probeMedia(sharedData('synthetic-video/frames/00012.png'));
    expect(info).toMatchObject({ kind: 'sequence', path: sharedData('synthetic-video/frames/00000.png'), sequenceStart: 0, frameCount: 48 });
  });

  it('reads a still image as one frame', async () => {
    const info = await probeMedia(sharedData('images/cars.jpg'));
    expect(info).toMatchObject({ kind: 'image', frameCount: 1, hasAudio: false, videoCodec: 'mjpeg', sequencePattern: null });
    expect(info.width).toBeGreaterThan(0);
  });
});

describe('probeMedia on generated clips', () => {
  let dir = '';
  let remove = async () => {};
  beforeAll(async () => {
    ({ dir, remove } = await tempFolder('probe'));
  });
  afterAll(() => remove());

  it('counts the frames of a WebM (VP9), whose header gives no count', async () => {
    const path = await writeCodedClip(join(dir, 'vp9.webm'), { frames: 37, fps: '30000/1001', codecArgs: ['-c:v', 'libvpx-vp9', '-g', '12', '-b:v', '100k'] });
    expect(await probeMedia(path)).toMatchObject({ kind: 'video', videoCodec: 'vp9', fps: NTSC, frameCount: 37, hasAudio: false });
  });

  it('reads a ProRes .mov with a drop-frame timecode, and an MKV with B-frames', async () => {
    const prores = await writeCodedClip(join(dir, 'prores.mov'), {
      frames: 20,
      fps: '30000/1001',
      codecArgs: ['-c:v', 'prores_ks', '-profile:v', 'hq', '-pix_fmt', 'yuv422p10le', '-timecode', '01:00:00;00'],
    });
    expect(await probeMedia(prores)).toMatchObject({ videoCodec: 'prores', fps: NTSC, frameCount: 20, timecode: '01:00:00;00' });
    const mkv = await writeCodedClip(join(dir, 'gop.mkv'), { frames: 50, fps: '24000/1001', codecArgs: H264_GOP12 });
    const info = await probeMedia(mkv);
    expect(info).toMatchObject({ videoCodec: 'h264', fps: { num: 24000, den: 1001 }, frameCount: 50 });
    expect((await sourceDetails(info)).keyframes).toEqual([0, 12, 24, 36, 48]);
  });

  it('notices audio', async () => {
    const path = await writeCodedClip(join(dir, 'audio.mp4'), {
      frames: 10,
      fps: '25',
      extraInputs: ['-f', 'lavfi', '-i', 'sine=d=1'],
      codecArgs: ['-c:v', 'libx264', '-c:a', 'aac', '-shortest'],
    });
    expect(await probeMedia(path)).toMatchObject({ hasAudio: true, frameCount: 10, fps: { num: 25, den: 1 } });
  });

  it('turns the size of a clip shot rotated, as the frames come out upright', async () => {
    const upright = await writeCodedClip(join(dir, 'upright.mp4'), { frames: 5, fps: '25', codecArgs: ['-c:v', 'libx264'] });
    const path = join(dir, 'rotated.mp4');
    await runTool(ffmpegPath, ['-v', 'error', '-i', upright, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', path]);
    expect(await probeMedia(path)).toMatchObject({ width: 48, height: 64 });
  });

  it('gets its details again for a copy of the info', async () => {
    const path = await writeCodedClip(join(dir, 'copy.mp4'), { frames: 24, fps: '30000/1001', codecArgs: H264_GOP12 });
    const info = await probeMedia(path);
    const copy = structuredClone(info);
    expect(await sourceDetails(copy)).toEqual(await sourceDetails(info));
  });

  describe('fails clearly', () => {
    const failure = async (path: string) => {
      const err = await probeMedia(path).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(MediaError);
      // The path, once.
      expect((err as Error).message.split(path)).toHaveLength(2);
      return (err as Error).message;
    };

    it('on a missing file', async () => {
      expect(await failure(join(dir, 'nothing-here.mp4'))).toMatch(/no such file/);
    });

    it('on an empty file and on text', async () => {
      await writeFile(join(dir, 'empty.mp4'), '');
      expect(await failure(join(dir, 'empty.mp4'))).toMatch(/empty/);
      await writeFile(join(dir, 'notes.mov'), 'these are not frames\n'.repeat(100));
      expect(await failure(join(dir, 'notes.mov'))).toMatch(/not a video or image/);
    });

    it('on audio alone', async () => {
      const path = join(dir, 'tone.m4a');
      await runTool(ffmpegPath, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=d=0.5', '-c:a', 'aac', path]);
      expect(await failure(path)).toMatch(/no video stream/);
    });

    it('on a video stream without frames', async () => {
      const path = join(dir, 'header-only.y4m');
      await writeFile(path, 'YUV4MPEG2 W64 H48 F30000:1001 Ip A1:1 C420jpeg\n');
      expect(await failure(path)).toMatch(/no video frames/);
    });

    it('on a folder without numbered images', async () => {
      const folder = join(dir, 'no-images');
      await mkdir(folder);
      await writeFile(join(folder, 'readme.txt'), 'hello');
      expect(await failure(folder)).toMatch(/no numbered images/);
    });
  });
});
