import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaInfo } from '../../shared/media';
import { SHARED_DATA_TAG, sharedData } from '../../testing/paths';
import { FrameReader } from './frame-reader';
import { readImageRgba } from './image-file';
import { probeMedia } from './probe';
import { decodeFrameIndex, H264_GOP12, tempFolder, writeCodedClip } from './test-media';

/** A fixed shuffle, so a failure repeats. */
function shuffled(count: number, seed = 7): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  let state = seed;
  for (let i = count - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

async function indexesRead(reader: FrameReader, order: number[]): Promise<number[]> {
  const seen: number[] = [];
  for (const index of order) seen.push(decodeFrameIndex(await reader.getFrame(index)));
  return seen;
}

describe('FrameReader', () => {
  let dir = '';
  let remove = async () => {};
  let h264: MediaInfo;
  let vp9: MediaInfo;
  const readers: FrameReader[] = [];
  const open = (info: MediaInfo, options?: ConstructorParameters<typeof FrameReader>[1]) => {
    const reader = new FrameReader(info, options);
    readers.push(reader);
    return reader;
  };

  beforeAll(async () => {
    ({ dir, remove } = await tempFolder('reader'));
    const frames = 90;
    [h264, vp9] = await Promise.all([
      writeCodedClip(join(dir, 'gop.mp4'), { frames, fps: '30000/1001', codecArgs: H264_GOP12 }).then((p) => probeMedia(p)),
      writeCodedClip(join(dir, 'gop.webm'), { frames, fps: '30000/1001', codecArgs: ['-c:v', 'libvpx-vp9', '-g', '12', '-b:v', '200k'] }).then((p) => probeMedia(p)),
    ]);
  });
  afterAll(async () => {
    for (const reader of readers) reader.close();
    await remove();
  });

  it('returns the right frame in shuffled order (H.264, B-frames, 30000/1001, GOP 12)', async () => {
    const reader = open(h264, { cacheBytes: 0 });
    const order = shuffled(h264.frameCount);
    expect(await indexesRead(reader, order)).toEqual(order);
    // Seeks, not a decode from the start per frame, yet not one decoder per frame either: near jumps read on.
    expect(reader.decodersStarted).toBeLessThan(h264.frameCount);
  });

  it('returns the right frame in shuffled order (VP9 WebM)', async () => {
    const order = shuffled(vp9.frameCount, 11);
    expect(await indexesRead(open(vp9, { cacheBytes: 0 }), order)).toEqual(order);
  });

  it('decodes proxies at the width asked, the aspect kept, frame-accurate', async () => {
    const reader = open(h264, { width: 32 });
    expect([reader.width, reader.height]).toEqual([32, 24]);
    const order = [5, 40, 6, 89];
    const frames = await Promise.all(order.map((i) => reader.getFrame(i)));
    expect(frames.map((f) => [f.width, f.height, f.data.length])).toEqual(order.map(() => [32, 24, 32 * 24 * 4]));
    expect(frames.map(decodeFrameIndex)).toEqual(order);
  });

  it('streams a forward read from one decoder', async () => {
    const reader = open(h264);
    const order = Array.from({ length: h264.frameCount }, (_, i) => i);
    expect(await indexesRead(reader, order)).toEqual(order);
    expect(reader.decodersStarted).toBe(1);
    // Starting in the middle and going on also stays on one decoder.
    const fromMiddle = open(h264, { cacheBytes: 0 });
    const tail = order.slice(50);
    expect(await indexesRead(fromMiddle, tail)).toEqual(tail);
    expect(fromMiddle.decodersStarted).toBe(1);
  });

  it('still reads the last frames after its decoder has exited', async () => {
    const reader = open(h264, { cacheBytes: 0 });
    await reader.getFrame(85);
    await new Promise((resolve) => setTimeout(resolve, 300)); // ffmpeg writes the small rest and exits meanwhile
    const tail = [86, 87, 88, 89];
    expect(await indexesRead(reader, tail)).toEqual(tail);
    expect(reader.decodersStarted).toBe(1);
  });

  it('serves re-reads from its cache', async () => {
    const reader = open(h264);
    const first = await reader.getFrame(40);
    expect(await reader.getFrame(40)).toBe(first);
    expect(reader.decodersStarted).toBe(1);
  });

  it('is safe under concurrent reads, duplicates included', async () => {
    const reader = open(h264, { cacheBytes: 0 });
    const wanted = [5, 80, 5, 33, 34, 35, 2, 89, 60, 33];
    const images = await Promise.all(wanted.map((i) => reader.getFrame(i)));
    expect(images.map(decodeFrameIndex)).toEqual(wanted);
  });

  it('decodes a frame the same whether reached by a seek or by reading on (real footage)', { tags: [SHARED_DATA_TAG] }, async () => {
    const dog = await probeMedia(sharedData('clips/01_dog.mp4'));
    const seeking = open(dog, { cacheBytes: 0 });
    const streaming = open(dog, { cacheBytes: 0, readAheadFrames: 1000 });
    for (const index of [0, 1, 2]) await streaming.getFrame(index);
    const bySeek = await seeking.getFrame(47);
    const byReading = await streaming.getFrame(47);
    expect(seeking.decodersStarted).toBe(1);
    expect(streaming.decodersStarted).toBe(1);
    expect(bySeek.width).toBe(1280);
    expect(bySeek.data.length).toBe(1280 * 720 * 4);
    expect(Buffer.from(bySeek.data).equals(Buffer.from(byReading.data))).toBe(true);
    // And the neighbours differ, so the comparison means something.
    expect(Buffer.from((await seeking.getFrame(48)).data).equals(Buffer.from(bySeek.data))).toBe(false);
  });

  it('reads an image sequence in any order, pixel for pixel', { tags: [SHARED_DATA_TAG] }, async () => {
    const info = await probeMedia(sharedData('synthetic-video/frames'));
    const reader = open(info);
    for (const index of [31, 0, 47, 12, 13]) {
      const frame = await reader.getFrame(index);
      const file = await readImageRgba(sharedData(`synthetic-video/frames/${String(index).padStart(5, '0')}.png`));
      expect(Buffer.from(frame.data).equals(Buffer.from(file.data)), `frame ${index}`).toBe(true);
    }
  });

  it('reads a still image as its one frame', { tags: [SHARED_DATA_TAG] }, async () => {
    const info = await probeMedia(sharedData('images/cars.jpg'));
    const reader = open(info);
    const frame = await reader.getFrame(0);
    const file = await readImageRgba(sharedData('images/cars.jpg'));
    expect(frame.width).toBe(file.width);
    expect(Buffer.from(frame.data).equals(Buffer.from(file.data))).toBe(true);
    await expect(reader.getFrame(1)).rejects.toThrow(RangeError);
  });

  it('refuses frames out of range', async () => {
    const reader = open(h264);
    for (const index of [-1, h264.frameCount, 1.5, Number.NaN]) await expect(reader.getFrame(index)).rejects.toThrow(RangeError);
    await expect(reader.getFrame(h264.frameCount)).rejects.toThrow(/out of range.*0 to 89/);
  });

  it('gives up a read when its signal aborts, and keeps working', async () => {
    const reader = open(h264, { cacheBytes: 0 });
    await expect(reader.getFrame(3, AbortSignal.abort())).rejects.toMatchObject({ name: 'AbortError' });
    const controller = new AbortController();
    const pending = reader.getFrame(70, controller.signal);
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(decodeFrameIndex(await reader.getFrame(71))).toBe(71);
  });

  it('stops its decoder on close and refuses reads after', async () => {
    const reader = open(h264);
    await reader.getFrame(10);
    reader.close();
    await expect(reader.getFrame(11)).rejects.toThrow(/closed/);
  });
});
