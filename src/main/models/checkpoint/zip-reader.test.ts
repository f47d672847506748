import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zipBytes } from './testing/torch-writer';
import { ZipReader } from './zip-reader';

let dir: string;
const text = (s: string) => new TextEncoder().encode(s);
const entries: Array<[string, Uint8Array]> = [
  ['a/data.pkl', text('pickle bytes')],
  ['a/data/0', Uint8Array.from({ length: 1000 }, (_, i) => i % 251)],
  ['a/version', text('3\n')],
];

async function zipFile(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

async function contents(path: string): Promise<Record<string, number[]>> {
  const zip = await ZipReader.open(path);
  try {
    const out: Record<string, number[]> = {};
    for (const entry of zip.entries.values()) out[entry.name] = [...(await zip.read(entry))];
    return out;
  } finally {
    await zip.close();
  }
}

const expected = Object.fromEntries(entries.map(([n, b]) => [n, [...b]]));

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-zip-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('ZipReader', () => {
  it('reads stored entries whose data torch aligns with padding extra fields', async () => {
    expect(await contents(await zipFile('plain.zip', zipBytes(entries)))).toEqual(expected);
  });

  it('reads sizes and offsets from zip64 records', async () => {
    expect(await contents(await zipFile('z64.zip', zipBytes(entries, { zip64: true })))).toEqual(expected);
  });

  it('inflates deflated entries', async () => {
    expect(await contents(await zipFile('deflated.zip', zipBytes(entries, { deflate: ['a/data/0'] })))).toEqual(expected);
  });

  it('reads a byte range of an entry without the rest', async () => {
    const zip = await ZipReader.open(await zipFile('range.zip', zipBytes(entries)));
    try {
      const entry = zip.entries.get('a/data/0')!;
      expect([...(await zip.read(entry, 500, 4))]).toEqual([500 % 251, 501 % 251, 502 % 251, 503 % 251]);
      await expect(zip.read(entry, 998, 4)).rejects.toThrow(/bytes 998\.\.1002 are outside a\/data\/0 \(1000 bytes\)/);
    } finally {
      await zip.close();
    }
  });

  it('says a file that is no zip is not a zip archive', async () => {
    const path = await zipFile('legacy.pt', new Uint8Array(4096).fill(0x80));
    await expect(ZipReader.open(path)).rejects.toThrow(`${path} is not a zip archive (no end-of-central-directory record)`);
    const tiny = await zipFile('tiny', text('hi'));
    await expect(ZipReader.open(tiny)).rejects.toThrow(`${tiny} is not a zip archive (2 bytes)`);
  });
});
