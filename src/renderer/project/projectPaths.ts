/** Names the editor sees for a project: the suggested file, the window title. */
import { splitPath, withoutExtension } from '../export/exportPaths';

export const PROJECT_EXTENSION = '.sam2m.json';
const APP_NAME = 'SAM2Matting Studio';

/** Project files are JSON; the browser of the Open dialog lists only those. */
export const isProjectFile = (name: string) => name.toLowerCase().endsWith('.json');

/** A new project is suggested beside its media, named after it. */
export function defaultProjectPath(mediaPath: string): string {
  const { dir, sep, name } = splitPath(mediaPath);
  return `${dir}${dir ? sep : ''}${withoutExtension(name)}${PROJECT_EXTENSION}`;
}

export function folderOf(path: string): string {
  return splitPath(path).dir;
}

/** The project's name, or the clip's while it has no project file yet. */
export function projectName(projectPath: string | null, mediaPath: string): string {
  if (projectPath) return splitPath(projectPath).name.replace(/\.sam2m\.json$|\.json$/i, '');
  return `${splitPath(mediaPath).name} (not saved)`;
}

/** The window title: a dot first while there are unsaved changes, as editors expect. */
export function windowTitle(name: string | null, dirty: boolean): string {
  return name === null ? APP_NAME : `${dirty ? '● ' : ''}${name} — ${APP_NAME}`;
}
