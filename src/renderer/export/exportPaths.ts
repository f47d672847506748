/** Where an export goes unless the editor says otherwise: named after the source, in the given folder (never the source's own). */
import type { ExportFormat } from '../../shared/api';

const SUFFIX: Record<ExportFormat, string> = {
  prores4444: '_matte.mov',
  png: '_rgba',
  matte: '_alpha',
  exr: '_exr',
  mask: '_mask',
};

/** Splits on either separator: the host may run on Windows while this code does not care. */
export function splitPath(path: string): { dir: string; sep: string; name: string } {
  const cut = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  const sep = path.lastIndexOf('\\') > path.lastIndexOf('/') ? '\\' : '/';
  return { dir: cut >= 0 ? path.slice(0, cut) : '', sep, name: cut >= 0 ? path.slice(cut + 1) : path };
}

export const withoutExtension = (name: string): string => name.replace(/\.[^.]+$/, '');

/** A sequence's "plate.00001.png" → "plate"; "00001.png" → the name of its folder. */
function sequenceStem(name: string, dir: string): string {
  const stem = withoutExtension(name).replace(/[._-]?\d+$/, '');
  return stem || splitPath(dir).name || 'export';
}

/** `folder`: the project's folder, or the user's work folder (OpenedMedia.workFolder). */
export function defaultExportPath(mediaPath: string, format: ExportFormat, isSequence: boolean, folder: string): string {
  const { dir, name } = splitPath(mediaPath);
  const stem = isSequence ? sequenceStem(name, dir) : withoutExtension(name);
  return joinPath(folder, `${stem}${SUFFIX[format]}`);
}

/** A name in a folder, with the folder's own separator. */
export function joinPath(folder: string, name: string): string {
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith(sep) ? `${folder}${name}` : `${folder}${sep}${name}`;
}
