/** Small generated media for the media tests: every frame tells its own index by its colour. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RgbaImage } from '../../shared/media';
import { ffmpegPath, runTool } from './ffmpeg';

export const CODED_FRAME_SIZE = { width: 64, height: 48 };

/** The colour of frame i: each channel steps by 32 over 8 levels, so 512 frames stay distinct and survive lossy coding. */
export function frameColour(index: number): [number, number, number] {
  return [16 + 32 * (index % 8), 16 + 32 * (Math.floor(index / 8) % 8), 16 + 32 * (Math.floor(index / 64) % 8)];
}

/** The index a decoded frame shows, read from its centre pixel (exact up to 15 levels of coding error). */
export function decodeFrameIndex(image: RgbaImage): number {
  const centre = ((image.height >> 1) * image.width + (image.width >> 1)) * 4;
  const [r, g, b] = [0, 1, 2].map((c) => Math.round((image.data[centre + c] - 16) / 32));
  return r + 8 * g + 64 * b;
}

const COLOUR_FILTER = "format=rgb24,geq=r='16+32*mod(N,8)':g='16+32*mod(floor(N/8),8)':b='16+32*mod(floor(N/64),8)'";

export interface CodedClipOptions {
  frames: number;
  /** "30000/1001" and the like. */
  fps: string;
  /** Encoder and container arguments after the picture filter, e.g. H.264 with a GOP. */
  codecArgs: string[];
  /** Extra input arguments (a second lavfi input for audio). */
  extraInputs?: string[];
}

/** A clip of solid frames whose colour encodes the frame index (see frameColour). */
export async function writeCodedClip(path: string, options: CodedClipOptions): Promise<string> {
  const { width, height } = CODED_FRAME_SIZE;
  await runTool(ffmpegPath, [
    '-v',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    `color=black:s=${width}x${height}:r=${options.fps}`,
    ...(options.extraInputs ?? []),
    '-frames:v',
    String(options.frames),
    '-vf',
    `${COLOUR_FILTER},scale=out_color_matrix=bt709,format=yuv420p`,
    '-colorspace',
    'bt709',
    '-color_primaries',
    'bt709',
    '-color_trc',
    'bt709',
    ...options.codecArgs,
    path,
  ]);
  return path;
}

/** H.264 with B-frames and a keyframe every 12 frames, so a seek must decode from a keyframe before the frame. */
export const H264_GOP12 = ['-c:v', 'libx264', '-g', '12', '-keyint_min', '12', '-sc_threshold', '0', '-bf', '3', '-crf', '12'];

/** A fresh temporary folder and its removal. */
export async function tempFolder(prefix: string): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `sam2m-${prefix}-`));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
