import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../media/test-media';
import { findMedia } from './find-media';
import { fingerprintMedia } from './media-fingerprint';

let folder: Awaited<ReturnType<typeof tempFolder>>;
const MiB = 1024 * 1024;

function bytes(size: number, seed: number): Buffer {
  return Buffer.from(Array.from({ length: size }, (_, i) => (i * 31 + seed) & 255));
}

beforeAll(async () => {
  folder = await tempFolder('find-media');
});
afterAll(() => folder.remove());

describe('fingerprintMedia', () => {
  it('changes with the head, the tail and the size, and not with the name', async () => {
    const big = bytes(3 * MiB, 1);
    const paths = ['a.bin', 'b.bin', 'head.bin', 'tail.bin', 'short.bin'].map((n) => join(folder.dir, n));
    const head = Buffer.from(big);
    head[10] ^= 1;
    const tail = Buffer.from(big);
    tail[big.length - 3] ^= 1;
    await Promise.all([big, big, head, tail, big.subarray(0, 3 * MiB - 1)].map((b, i) => writeFile(paths[i], b)));
    const [a, b, h, t, s] = await Promise.all(paths.map(fingerprintMedia));
    expect(a).toEqual(b);
    expect(a.size).toBe(3 * MiB);
    for (const other of [h, t, s]) expect(other.hash).not.toBe(a.hash);
  });
});

describe('findMedia', () => {
  it('finds the file by content in a nested folder, skipping same-size impostors', async () => {
    const root = join(folder.dir, 'search');
    await mkdir(join(root, 'x', 'y', 'z'), { recursive: true });
    await mkdir(join(root, '.hidden'), { recursive: true });
    const content = bytes(5000, 7);
    await writeFile(join(root, 'x', 'shot.mp4'), bytes(5000, 8));
    await writeFile(join(root, '.hidden', 'copy.mp4'), content);
    await writeFile(join(root, 'x', 'y', 'z', 'renamed.mp4'), content);
    const wanted = { name: 'shot.mp4', ...(await fingerprintMedia(join(root, 'x', 'y', 'z', 'renamed.mp4'))) };
    expect(await findMedia(root, wanted)).toBe(join(root, 'x', 'y', 'z', 'renamed.mp4'));
    expect(await findMedia(root, wanted, { depth: 2, entries: 1000 })).toBeNull();
    expect(await findMedia(join(root, 'absent'), wanted)).toBeNull();
  });

  it('matches projects without a hash by name and size', async () => {
    const root = join(folder.dir, 'old');
    await mkdir(join(root, 'deep'), { recursive: true });
    await writeFile(join(root, 'other.mov'), bytes(10, 1));
    await writeFile(join(root, 'deep', 'old.mov'), bytes(10, 1));
    expect(await findMedia(root, { name: 'old.mov', size: null, hash: null })).toBe(join(root, 'deep', 'old.mov'));
  });
});
