/** The Electron binary cannot run here, so check what it would load: the built main and preload bundles. */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/testing/paths';

const out = (...parts: string[]) => resolve(repoRoot, 'out', ...parts);

describe('the Electron build', () => {
  it.each([
    ['main', 'index.js'],
    ['preload', 'index.mjs'],
  ])('%s bundle parses as a module', async (dir, file) => {
    await expect(promisify(execFile)(process.execPath, ['--check', out(dir, file)])).resolves.toBeDefined();
  });

  it('main loads the preload and renderer files the build wrote', async () => {
    const main = await readFile(out('main', 'index.js'), 'utf8');
    expect(main).toContain('"../preload/index.mjs"');
    expect(main).toContain('"../renderer/index.html"');
    await expect(readFile(out('preload', 'index.mjs'))).resolves.toBeDefined();
    await expect(readFile(out('renderer', 'index.html'))).resolves.toBeDefined();
  });
});
