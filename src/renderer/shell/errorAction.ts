/** What the editor does about an error beyond showing it, by its code (shared/errors.ts). */
import { StudioError } from '../../shared/errors';

export type ErrorAction =
  /** The project's media moved: the relink dialog, as when opening the project finds it missing. */
  | { kind: 'relink'; projectPath: string; mediaPath: string; message: string }
  /** A model is missing or cannot be used: the Models panel, where it can be downloaded, imported or removed. */
  | { kind: 'open-models' };

export function errorAction(error: unknown): ErrorAction | null {
  if (!(error instanceof StudioError)) return null;
  switch (error.code) {
    case 'media-missing': {
      const { projectPath, mediaPath } = error.details ?? {};
      // Only a project can be relinked; a plain clip that moved is opened again from where it is now.
      return typeof projectPath === 'string' && typeof mediaPath === 'string' ? { kind: 'relink', projectPath, mediaPath, message: error.message } : null;
    }
    case 'model-missing':
    case 'model-invalid':
      return { kind: 'open-models' };
    default:
      return null;
  }
}
