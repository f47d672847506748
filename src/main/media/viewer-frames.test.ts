import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FrameReader } from './frame-reader';
import { probeMedia } from './probe';
import { CODED_FRAME_SIZE, decodeFrameIndex, H264_GOP12, tempFolder, writeCodedClip } from './test-media';
import { ViewerFrames } from './viewer-frames';

describe('ViewerFrames', () => {
  let remove = async () => {};
  let source: FrameReader;
  let frames: ViewerFrames;

  beforeAll(async () => {
    const temp = await tempFolder('viewer-frames');
    remove = temp.remove;
    source = new FrameReader(await probeMedia(await writeCodedClip(join(temp.dir, 'clip.mp4'), { frames: 24, fps: '24', codecArgs: H264_GOP12 })));
    frames = new ViewerFrames(source);
  });
  afterAll(async () => {
    frames.close();
    source.close();
    await remove();
  });

  it('gives proxy widths decoded small, other widths shrunk, and the source frame without a width', async () => {
    const size = async (maxWidth?: number) => {
      const f = await frames.getFrame(7, maxWidth);
      return [f.width, f.height, decodeFrameIndex(f)];
    };
    expect(CODED_FRAME_SIZE).toEqual({ width: 64, height: 48 });
    expect(await size(32)).toEqual([32, 24, 7]);
    expect(await size(20)).toEqual([20, 15, 7]);
    expect(await size()).toEqual([64, 48, 7]);
    expect(await size(100)).toEqual([64, 48, 7]);
    expect(source.decodersStarted).toBe(1);
  });
});
