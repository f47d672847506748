/** Project files on disk: atomic saves with a backup, and opening with messages that say what is wrong. */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import { StudioError } from '../../shared/errors';
import { backupPath, writeFileAtomic } from '../fs/atomic-write';
import { parseProject, serializeProject } from './project-file';
import type { ProjectDocument } from './project-model';

/** Far above any real project (masks are stored compressed); stops a video picked by mistake from being read whole. */
export const MAX_PROJECT_BYTES = 256 * 1024 * 1024;

export class ProjectError extends StudioError {
  constructor(message: string, code: 'project-invalid' | 'project-unwritable' = 'project-invalid') {
    super(code, message);
    this.name = 'ProjectError';
  }
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'EISDIR') return 'it is a folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'ENOSPC') return 'the disk is full';
  if (code === 'EROFS') return 'the disk is read-only';
  if (code === 'ENOTDIR' || code === 'EEXIST') return 'a file stands where a folder of the path should be';
  return (err as Error).message;
}

/** Makes the project's folder if missing: the default one (see work-folder.ts) may not exist yet. */
export async function writeProjectFile(path: string, doc: ProjectDocument, savedAt: string): Promise<void> {
  try {
    await mkdir(dirname(path), { recursive: true });
    await writeFileAtomic(path, serializeProject(doc, savedAt), { backup: true });
  } catch (err) {
    throw new ProjectError(`Cannot save the project to ${path}: ${describeFsError(err)}. The previous file is unchanged.`, 'project-unwritable');
  }
}

async function readsAsProject(path: string): Promise<boolean> {
  try {
    parseProject(await readFile(path, 'utf8'));
    return true;
  } catch {
    return false;
  }
}

export async function readProjectFile(path: string): Promise<ProjectDocument> {
  let source: string;
  try {
    const { size } = await stat(path);
    if (size > MAX_PROJECT_BYTES) throw new ProjectError(`Cannot open the project ${path}: at ${Math.round(size / 2 ** 20)} MiB it is too large to be a project file.`);
    source = await readFile(path, 'utf8');
  } catch (err) {
    if (err instanceof ProjectError) throw err;
    throw new ProjectError(`Cannot open the project ${path}: ${describeFsError(err)}.`);
  }
  try {
    return parseProject(source);
  } catch (err) {
    // A file damaged outside the app: point at the previous save, which the app never overwrites with a broken one.
    const backup = backupPath(path);
    const hint = (await readsAsProject(backup)) ? ` The previous save is intact in ${backup}.` : '';
    throw new ProjectError(`Cannot open the project ${path}: ${(err as Error).message}.${hint}`);
  }
}
