import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModuleSpec } from '../../shared/models';
import { verifyModuleFile } from './integrity';
import { ModelError } from '../../shared/model-error';
import type { Pin } from './pins';

let dir: string;
let path: string;
const BYTES = Buffer.from('not really a graph, but bytes to hash');
const SHA = createHash('sha256').update(BYTES).digest('hex');
const OTHER = 'f'.repeat(64);
const spec = (sha256: string | null): ModuleSpec => ({ file: 'a.onnx', url: 'https://x/a', sha256, inputs: {}, outputs: {} });
const pin = (sha256: string): Pin => ({ sha256, bytes: BYTES.length, pinnedAt: '2026-01-02T03:04:05.000Z', source: 'https://x/a' });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-integrity-'));
  path = join(dir, 'a.onnx');
  await writeFile(path, BYTES);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('verifyModuleFile', () => {
  it('returns the digest of an unpinned file, to pin it', async () => {
    expect(await verifyModuleFile(path, 'a', spec(null), undefined)).toEqual({ sha256: SHA, bytes: BYTES.length });
  });

  it('accepts a file matching its pin or the manifest', async () => {
    await expect(verifyModuleFile(path, 'a', spec(null), pin(SHA))).resolves.toEqual({ sha256: SHA, bytes: BYTES.length });
    await expect(verifyModuleFile(path, 'a', spec(SHA), undefined)).resolves.toMatchObject({ sha256: SHA });
  });

  it('rejects a file that differs from its pin, naming both hashes and when it was pinned', async () => {
    const error = await verifyModuleFile(path, 'Model m, module a', spec(null), pin(OTHER)).catch((e) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error.kind).toBe('mismatch');
    expect(error.message).toContain('Model m, module a');
    expect(error.message).toContain(SHA);
    expect(error.message).toContain(OTHER);
    expect(error.message).toContain('pinned on 2026-01-02T03:04:05.000Z');
  });

  it('lets the manifest hash win over a pin', async () => {
    const error = await verifyModuleFile(path, 'a', spec(OTHER), pin(SHA)).catch((e) => e);
    expect(error.message).toMatch(/manifest gives f{64}/);
  });
});
