/**
 * Saving that never leaves a broken file: the new content goes to a hidden temporary file in the
 * same folder and is flushed to disk; the current file is kept as NAME.bak; only then does a
 * rename (atomic on one filesystem) put the new file in place, and the folder is flushed so the
 * rename itself survives a power cut. A kill at any moment leaves the old or the new file whole.
 */
import { randomUUID } from 'node:crypto';
import { copyFile, link, open, readdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export function backupPath(path: string): string {
  return `${path}.bak`;
}

function scratchName(path: string, purpose: 'saving' | 'bak'): string {
  return join(dirname(path), `.${basename(path)}.${purpose}-${randomUUID().slice(0, 8)}`);
}

async function writeDurably(path: string, contents: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(contents);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Makes NAME.bak the current file: a hard link where the filesystem has them, else a flushed copy. */
async function keepPrevious(path: string): Promise<void> {
  const scratch = scratchName(path, 'bak');
  try {
    await link(path, scratch);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    await copyFile(path, scratch);
    const handle = await open(scratch, 'r+');
    await handle.sync().finally(() => handle.close());
  }
  await rename(scratch, backupPath(path));
}

async function syncFolder(folder: string): Promise<void> {
  // Windows cannot open a folder for flushing; its renames are durable by the time they return.
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  await handle.sync().finally(() => handle.close());
}

/** Scratch files of saves that a kill interrupted. */
async function removeLeftovers(path: string, keep: string): Promise<void> {
  const prefix = `.${basename(path)}.`;
  const names = await readdir(dirname(path)).catch(() => []);
  const stale = names.filter((n) => n.startsWith(prefix) && /\.(saving|bak)-[0-9a-f]{8}$/.test(n) && join(dirname(path), n) !== keep);
  await Promise.all(stale.map((n) => rm(join(dirname(path), n), { force: true })));
}

/** backup: keep the file being replaced as NAME.bak. */
export async function writeFileAtomic(path: string, contents: string | Uint8Array, options: { backup: boolean }): Promise<void> {
  const temp = scratchName(path, 'saving');
  try {
    await writeDurably(temp, contents);
    if (options.backup) await keepPrevious(path);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  await syncFolder(dirname(path));
  await removeLeftovers(path, temp);
}
