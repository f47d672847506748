/**
 * Exports are written beside their target under a hidden temporary name and moved into place
 * only when complete, so a cancel or a failure leaves nothing behind and never clobbers
 * an existing file early.
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
  return new MediaError(`Cannot export to ${target}: ${reason}`);
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

/** The hidden temporary name beside the target; written into now, to fail early where we cannot write. */
async function stagingPath(target: string, create: (path: string) => Promise<unknown>): Promise<string> {
  const folder = dirname(target);
  const folderKind = await kindOf(folder, target);
  if (folderKind === 'none') throw cannotExport(target, `the folder ${folder} does not exist`);
  if (folderKind === 'file') throw cannotExport(target, `${folder} is a file, not a folder`);
  const path = join(folder, `.${basename(target)}.partial-${randomUUID().slice(0, 8)}`);
  await create(path).catch((err: unknown) => {
    throw cannotExport(target, describeFsError(err));
  });
  return path;
}

/** A single file, e.g. a .mov; an existing file of that name is replaced on commit. */
export async function stageFile(target: string): Promise<StagedOutput> {
  if ((await kindOf(target, target)) === 'folder') throw cannotExport(target, 'it is a folder; give a file name');
  const path = await stagingPath(target, (p) => writeFile(p, ''));
  return {
    path,
    commit: () => rename(path, target).catch((err: unknown) => {
      throw cannotExport(target, describeFsError(err));
    }),
    discard: () => rm(path, { force: true }),
  };
}

/** A folder of files, created if needed; files already in it stay unless the export writes the same names. */
export async function stageFolder(target: string): Promise<StagedOutput> {
  if ((await kindOf(target, target)) === 'file') throw cannotExport(target, 'it is a file, not a folder');
  const path = await stagingPath(target, (p) => mkdir(p));
  return {
    path,
    commit: async () => {
      try {
        await mkdir(target, { recursive: true });
        for (const name of await readdir(path)) await rename(join(path, name), join(target, name));
        await rm(path, { recursive: true, force: true });
      } catch (err) {
        throw cannotExport(target, describeFsError(err));
      }
    },
    discard: () => rm(path, { recursive: true, force: true }),
  };
}
