/** Broken media files for the fuzz test, small and generated from a seed: cut, corrupted, empty, lying about their size. */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { ffmpegPath, runTool } from '../../main/media/ffmpeg';
import type { Random } from './random';

export interface BadFile {
  name: string;
  path: string;
  /** false where the damage may leave a file that still plays (a flipped byte in a picture). */
  mustFail: boolean;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG whose header claims width x height (8-bit RGBA) and whose picture data is a few stray bytes. */
export function pngClaiming(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', Uint8Array.from([0x78, 0x9c, 0x03, 0x00])), pngChunk('IEND', new Uint8Array())]);
}

/** Cut at a random offset. */
function truncated(clip: Uint8Array, random: Random): Uint8Array {
  return clip.subarray(0, random.int(0, clip.length - 1));
}

/** 1 to 64 bytes XORed with a non-zero value; half the time near the end, where ffmpeg's mp4 keeps its index. */
function corrupted(clip: Uint8Array, random: Random): Uint8Array {
  const copy = Uint8Array.from(clip);
  const fromEnd = random.next() < 0.5;
  for (let n = random.int(1, 64); n > 0; n--) {
    const at = fromEnd ? random.int(Math.floor(clip.length * 0.9), clip.length - 1) : random.int(0, clip.length - 1);
    copy[at] ^= random.int(1, 255);
  }
  return copy;
}

/** `count` truncated and `count` corrupted copies of a clip, plus files that are not media at all. */
export async function writeBadMedia(dir: string, clip: Uint8Array, random: Random, count: number): Promise<BadFile[]> {
  const files: BadFile[] = [];
  const add = async (name: string, data: Uint8Array | string, mustFail: boolean) => {
    const path = join(dir, name);
    await writeFile(path, data);
    files.push({ name, path, mustFail });
  };
  for (let i = 0; i < count; i++) await add(`truncated-${i}.mp4`, truncated(clip, random), false);
  for (let i = 0; i < count; i++) await add(`corrupted-${i}.mp4`, corrupted(clip, random), false);
  await add('zero-bytes.mp4', '', true);
  await add('text.mp4', 'This is a shopping list, not a video.\nMilk\nEggs\n', true);
  await add('random.mp4', random.bytes(4096), true);
  await add('random.mov', random.bytes(100), true);
  for (const [w, h] of [
    [100000, 100000],
    [1, 2 ** 31 - 1],
    [0, 0],
    [65535, 65535],
  ])
    await add(`claims-${w}x${h}.png`, pngClaiming(w, h), true);
  const folder = join(dir, 'folder.mp4');
  await mkdir(folder);
  files.push({ name: 'a folder named .mp4', path: folder, mustFail: true });
  const audioOnly = join(dir, 'audio-only.mp4');
  await runTool(ffmpegPath, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'sine=d=0.2', '-c:a', 'aac', audioOnly]);
  files.push({ name: 'audio-only.mp4', path: audioOnly, mustFail: true });
  const zeroFrames = join(dir, 'zero-frames.mp4');
  await runTool(ffmpegPath, ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'color=s=64x48', '-frames:v', '0', '-c:v', 'libx264', zeroFrames]);
  files.push({ name: 'zero-frames.mp4', path: zeroFrames, mustFail: true });
  return files;
}
