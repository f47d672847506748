import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ModuleSpec } from '../../shared/models';
import { ModelError } from '../../shared/model-error';
import { expectedSha256, PINS_FILE, PinStore, type Pin } from './pins';

let dir: string;
const pin = (n: number): Pin => ({ sha256: String(n % 10).repeat(64), bytes: n, pinnedAt: '2026-01-01T00:00:00.000Z', source: `https://x/${n}` });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-pins-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('PinStore', () => {
  it('reads no pins when the file does not exist yet', async () => {
    expect(await new PinStore(dir).read()).toEqual({});
  });

  it('keeps every pin of concurrent updates and leaves no temporary file', async () => {
    const store = new PinStore(dir);
    await Promise.all([1, 2, 3, 4, 5].map((n) => store.pin('m', `f${n}.onnx`, pin(n))));
    const pins = await new PinStore(dir).read();
    expect(Object.keys(pins).sort()).toEqual(['m/f1.onnx', 'm/f2.onnx', 'm/f3.onnx', 'm/f4.onnx', 'm/f5.onnx']);
    expect(pins['m/f3.onnx']).toEqual(pin(3));
    expect(await readdir(dir)).toEqual([PINS_FILE]);
  });

  it('keeps the first pin of a file', async () => {
    const store = new PinStore(dir);
    await store.pin('m', 'a.onnx', pin(1));
    await store.pin('m', 'a.onnx', pin(2));
    expect((await store.read())['m/a.onnx']).toEqual(pin(1));
  });

  it('forgets only the removed model', async () => {
    const store = new PinStore(dir);
    await store.pin('m', 'a.onnx', pin(1));
    await store.pin('m2', 'a.onnx', pin(2));
    await store.unpinModel('m');
    expect(Object.keys(await store.read())).toEqual(['m2/a.onnx']);
  });

  it('names a damaged pins file and how to recover, and refuses to overwrite it', async () => {
    await writeFile(join(dir, PINS_FILE), '{"version":1,"pins":{"m/a":{"sha256":"nothex"');
    const store = new PinStore(dir);
    const error = await store.read().catch((e) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error.kind).toBe('pins');
    expect(error.message).toContain(join(dir, PINS_FILE));
    expect(error.message).toMatch(/delete it/);
    await expect(store.pin('m', 'b.onnx', pin(1))).rejects.toThrow(/damaged/);
    expect(await readFile(join(dir, PINS_FILE), 'utf8')).toContain('nothex');
  });
});

describe('expectedSha256', () => {
  const spec = (sha256: string | null) => ({ file: 'a.onnx', url: 'https://x/a', sha256, inputs: {}, outputs: {} }) as ModuleSpec;
  it('prefers the manifest, then the pin, else none', () => {
    expect(expectedSha256(spec('a'.repeat(64)), pin(1))).toBe('a'.repeat(64));
    expect(expectedSha256(spec(null), pin(1))).toBe(pin(1).sha256);
    expect(expectedSha256(spec(null), undefined)).toBeNull();
  });
});
