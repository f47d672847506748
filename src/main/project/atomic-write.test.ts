import { spawn } from 'node:child_process';
import { readdir, readFile, truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempFolder } from '../media/test-media';
import { backupPath, writeFileAtomic } from '../fs/atomic-write';
import { MAX_PROJECT_BYTES, readProjectFile, writeProjectFile } from './project-io';
import { sampleDocument } from './testing/sample-project';

const saver = fileURLToPath(new URL('./testing/save-in-a-loop.ts', import.meta.url));
let folder: Awaited<ReturnType<typeof tempFolder>>;

beforeAll(async () => {
  folder = await tempFolder('atomic');
});
afterAll(() => folder.remove());

/** Runs the saver from a generation and kills it with SIGKILL after `saves` finished saves; the last one it reported. */
function saveThenKill(path: string, firstGeneration: number, saves: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', saver, path, String(firstGeneration)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let reported = -1;
    let seen = 0;
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n').filter(Boolean)) {
        reported = Number(line.split(' ')[1]);
        if (++seen === saves) child.kill('SIGKILL');
      }
    });
    child.on('exit', (_code, signal) => (signal === 'SIGKILL' ? resolve(reported) : reject(new Error(`saver exited by itself: ${stderr}`))));
  });
}

function generationOf(doc: Awaited<ReturnType<typeof readProjectFile>>): number {
  return Number(doc.objects[0].name.replace('Generation ', ''));
}

describe('writeFileAtomic', () => {
  it('keeps the previous version as .bak and leaves no scratch files', async () => {
    const path = join(folder.dir, 'plain.json');
    await writeFileAtomic(path, 'one', { backup: true });
    await writeFileAtomic(path, 'two', { backup: true });
    expect(await readFile(path, 'utf8')).toBe('two');
    expect(await readFile(backupPath(path), 'utf8')).toBe('one');
    expect((await readdir(folder.dir)).sort()).toEqual(['plain.json', 'plain.json.bak']);
  });

  it('makes a missing project folder (the default work folder may not exist yet), and names a path it cannot write', async () => {
    await writeProjectFile(join(folder.dir, 'absent', 'p.json'), sampleDocument(), 'now');
    expect(await readdir(join(folder.dir, 'absent'))).toEqual(['p.json']);
    // A file where a folder of the path should be.
    await writeFile(join(folder.dir, 'blocker'), 'x');
    await expect(writeProjectFile(join(folder.dir, 'blocker', 'p.json'), sampleDocument(), 'now')).rejects.toThrow(
      /Cannot save the project to .*blocker.*a file stands where a folder of the path should be/,
    );
  });

  it('a project killed mid-save always opens, with the old or the new content', async () => {
    const path = join(folder.dir, 'killed.json');
    let generation = 0;
    for (let round = 0; round < 12; round++) {
      const reported = await saveThenKill(path, generation, 1 + (round % 3));
      const doc = await readProjectFile(path);
      // Saves after the last reported one may have completed before the kill landed; none is lost or half-written.
      expect(generationOf(doc)).toBeGreaterThanOrEqual(reported);
      if (generationOf(doc) > 0) expect(generationOf(await readProjectFile(backupPath(path)))).toBeLessThan(generationOf(doc));
      generation = generationOf(doc) + 1;
    }
    await writeProjectFile(path, sampleDocument(), 'now');
    expect((await readdir(folder.dir)).filter((n) => n.includes('killed')).sort()).toEqual(['killed.json', 'killed.json.bak']);
  });

  it('refuses a file far too large to be a project without reading it', async () => {
    const path = join(folder.dir, 'huge.mov');
    // Sparse: the size is there without the bytes.
    await writeFile(path, '');
    await truncate(path, MAX_PROJECT_BYTES + 1);
    await expect(readProjectFile(path)).rejects.toThrow(/huge\.mov: at 256 MiB it is too large to be a project file/);
  });

  it('names a damaged project and points at the intact backup', async () => {
    const path = join(folder.dir, 'damaged.json');
    await writeProjectFile(path, sampleDocument(), 'now');
    await writeProjectFile(path, sampleDocument(), 'later');
    await writeFile(path, '{"version": 2, "obj');
    await expect(readProjectFile(path)).rejects.toThrow(/damaged\.json: it is not valid JSON .*previous save is intact in .*damaged\.json\.bak/);
  });
});
