/** The file browser's listing: folders, media and project files under a path of the machine that runs the services. */
import { StudioError } from '../../shared/errors';
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import type { DirListing } from '../../shared/api';

/** What the file browser lists besides folders: media, and project files (.sam2m.json). */
const LISTED_EXTENSIONS = new Set(['.mp4', '.mov', '.mkv', '.webm', '.avi', '.mxf', '.m4v', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.exr', '.dpx', '.bmp', '.webp', '.json']);

/** The home folder when no path is given; folders first, then by name; hidden entries left out. */
export async function listDirectory(path?: string): Promise<DirListing> {
  const dir = resolve(path || homedir());
  const dirents = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    throw new StudioError('not-found', `Cannot list ${dir}: ${err.code === 'ENOENT' ? 'no such folder' : err.message}`);
  });
  const entries = dirents
    .filter((d) => !d.name.startsWith('.') && (d.isDirectory() || LISTED_EXTENSIONS.has(extname(d.name).toLowerCase())))
    .map((d) => ({ name: d.name, path: join(dir, d.name), isDirectory: d.isDirectory() }))
    .sort((a, b) => Number(b.isDirectory) - Number(a.isDirectory) || a.name.localeCompare(b.name));
  const parent = dirname(dir);
  return { path: dir, parent: parent === dir ? null : parent, entries };
}
