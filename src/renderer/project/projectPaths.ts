/** Names the editor sees for a project: the suggested file, the window title. */
import { joinPath, splitPath, withoutExtension } from '../export/exportPaths';

export const PROJECT_EXTENSION = '.sam2m.json';
const APP_NAME = 'SAM2Matting Studio';

/** Project files are JSON; the browser of the Open dialog lists only those. */
export const isProjectFile = (name: string) => name.toLowerCase().endsWith('.json');

/** A new project is suggested in the work folder (OpenedMedia.workFolder), named after its media. */
export function defaultProjectPath(mediaPath: string, workFolder: string): string {
  return joinPath(workFolder, `${withoutExtension(splitPath(mediaPath).name)}${PROJECT_EXTENSION}`);
}

/** Saves and exports go to the project's folder once there is one, else to the work folder. */
export function outputFolder(projectPath: string | null, workFolder: string): string {
  return projectPath ? folderOf(projectPath) : workFolder;
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
