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

/** The archive with the first central directory entry's uncompressed size replaced. */
function withCentralSize(zip: Uint8Array, size: number): Uint8Array {
  const copy = Uint8Array.from(zip);
  const view = new DataView(copy.buffer);
  const cdOffset = view.getUint32(copy.length - 22 + 16, true);
  view.setUint32(cdOffset + 24, size, true);
  return copy;
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

  it('reads an archive held in memory, giving copies of its bytes', async () => {
    const bytes = zipBytes(entries);
    const zip = await ZipReader.fromBytes(bytes, 'memory.zip');
    const data = await zip.read(zip.entries.get('a/data/0')!);
    bytes.fill(0);
    expect([...data]).toEqual(expected['a/data/0']);
  });

  it('checks an entry read whole against its CRC-32', async () => {
    const bytes = zipBytes(entries);
    bytes[Buffer.from(bytes).indexOf(Uint8Array.of(100, 101, 102, 103))] ^= 1; // a byte of a/data/0
    const zip = await ZipReader.fromBytes(bytes, 'flipped.zip');
    await expect(zip.read(zip.entries.get('a/data/0')!)).rejects.toThrow('flipped.zip: a/data/0 fails its CRC-32 check: the archive is damaged');
  });

  it('stops a deflated entry at the size it claims (a zip bomb)', async () => {
    const bomb = zipBytes([['a/data.pkl', new Uint8Array(10_000_000)]], { deflate: ['a/data.pkl'] });
    const zip = await ZipReader.fromBytes(withCentralSize(bomb, 100), 'bomb.zip');
    await expect(zip.read(zip.entries.get('a/data.pkl')!)).rejects.toThrow(/^bomb\.zip: a\/data\.pkl inflates to more than the 100 bytes it claims: the archive is damaged$/);
    const liar = await ZipReader.fromBytes(withCentralSize(bomb, 2 ** 31), 'liar.zip');
    await expect(liar.read(liar.entries.get('a/data.pkl')!)).rejects.toThrow(/^liar\.zip: a\/data\.pkl claims 2147483648 bytes from \d+ deflated/);
  });

  it('says a file that is no zip is not a zip archive', async () => {
    const path = await zipFile('legacy.pt', new Uint8Array(4096).fill(0x80));
    await expect(ZipReader.open(path)).rejects.toThrow(`${path} is not a zip archive (no end-of-central-directory record)`);
    const tiny = await zipFile('tiny', text('hi'));
    await expect(ZipReader.open(tiny)).rejects.toThrow(`${tiny} is not a zip archive (2 bytes)`);
  });
});
