/**
 * Exports are written beside their target under a hidden temporary name and moved into place
 * only when complete, so a cancel or a failure leaves nothing behind (folders made for the
 * target included) and never clobbers an existing file early.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { MediaError } from './ffmpeg';

export interface StagedOutput {
  /** Where the writer writes: a file or a folder, as the target. */
  readonly path: string;
  /** Moves the finished output to the target. */
  commit(): Promise<void>;
  /** Removes what was written. */
  discard(): Promise<void>;
}

function cannotExport(target: string, reason: string): MediaError {
  return new MediaError(`Cannot export to ${target}: ${reason}`, 'export-failed');
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  return (err as Error).message;
}

async function kindOf(path: string, target: string): Promise<'file' | 'folder' | 'none'> {
  const stats = await stat(path).catch((err: NodeJS.ErrnoException) => {
    if (err.code === 'ENOENT' || err.code === 'ENOTDIR') return null;
    throw cannotExport(target, describeFsError(err));
  });
  return stats ? (stats.isDirectory() ? 'folder' : 'file') : 'none';
}

interface Staging {
  path: string;
  /** The outermost folder made for the target's folder, removed again if the export is discarded. */
  madeFolder: string | undefined;
}

/** The hidden temporary name beside the target (its folder made if missing); created now, to fail early where we cannot write. */
async function staging(target: string, create: (path: string) => Promise<unknown>): Promise<Staging> {
  const folder = dirname(target);
  const madeFolder = await mkdir(folder, { recursive: true }).catch((err: NodeJS.ErrnoException) => {
    throw cannotExport(target, err.code === 'EEXIST' || err.code === 'ENOTDIR' ? `${folder} is not a folder (a file is in the way)` : describeFsError(err));
  });
  const path = join(folder, `.${basename(target)}.partial-${randomUUID().slice(0, 8)}`);
  await create(path).catch((err: unknown) => {
    throw cannotExport(target, describeFsError(err));
  });
  return { path, madeFolder };
}

function discard({ path, madeFolder }: Staging): Promise<void> {
  return rm(madeFolder ?? path, { recursive: true, force: true });
}

/** A single file, e.g. a .mov; an existing file of that name is replaced on commit. */
export async function stageFile(target: string): Promise<StagedOutput> {
  if ((await kindOf(target, target)) === 'folder') throw cannotExport(target, 'it is a folder; give a file name');
  const staged = await staging(target, (p) => writeFile(p, ''));
  return {
    path: staged.path,
    commit: () =>
      rename(staged.path, target).catch((err: unknown) => {
        throw cannotExport(target, describeFsError(err));
      }),
    discard: () => discard(staged),
  };
}

/** A folder of files, created if needed; files already in it stay unless the export writes the same names. */
export async function stageFolder(target: string): Promise<StagedOutput> {
  if ((await kindOf(target, target)) === 'file') throw cannotExport(target, 'it is a file, not a folder');
  const staged = await staging(target, (p) => mkdir(p));
  return {
    path: staged.path,
    commit: async () => {
      try {
        await mkdir(target, { recursive: true });
        for (const name of await readdir(staged.path)) await rename(join(staged.path, name), join(target, name));
        await rm(staged.path, { recursive: true, force: true });
      } catch (err) {
        throw cannotExport(target, describeFsError(err));
      }
    },
    discard: () => discard(staged),
  };
}
