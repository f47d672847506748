import { useCallback, useEffect, useState } from 'react';
import type { OpenedMedia, ProjectOpenResult, StudioApi } from '../../shared/api';
import type { MediaSession, SessionOrigin } from '../editor/sessionSlice';
import { errorMessage } from '../shell/useErrors';
import { projectName, windowTitle } from './projectPaths';

/** Which small dialog the project asks through, if any. */
export type ProjectDialog = { kind: 'save-as' } | { kind: 'open' } | { kind: 'relink'; projectPath: string; mediaPath: string; message: string };

type Adopt = (media: OpenedMedia, origin: SessionOrigin) => Promise<void>;

/**
 * The open clip's project file: where it saves, whether it has unsaved edits (editCount moves
 * with every edit, which also tells the undo history to reload), open and relink.
 */
export function useProject(api: StudioApi, session: MediaSession | null, adopt: Adopt, onError: (error: unknown) => void) {
  const mediaId = session?.media.mediaId ?? null;
  const [path, setPath] = useState<string | null>(null);
  const [dirty, setDirty] = useState(false);
  const [editCount, setEditCount] = useState(0);
  const [dialog, setDialog] = useState<ProjectDialog | null>(null);
  // A failure of what a dialog asked for shows in the dialog: the banner would sit behind it.
  const [dialogError, setDialogError] = useState<string | null>(null);
  const showDialog = useCallback((next: ProjectDialog | null) => {
    setDialog(next);
    setDialogError(null);
  }, []);
  const [shownSession, setShownSession] = useState<MediaSession | null>(null);
  if (session !== shownSession) {
    setShownSession(session);
    setPath(session?.media.projectPath ?? null);
    // A restored autosave holds work that no project file has yet.
    setDirty(session?.origin === 'recovery');
  }

  const markEdited = useCallback(() => {
    setEditCount((n) => n + 1);
    setDirty(true);
  }, []);

  /** Whether it saved. */
  const saveTo = useCallback(
    async (target?: string): Promise<boolean> => {
      if (!mediaId) return false;
      try {
        const saved = await api.saveProject(mediaId, target);
        setPath(saved.path);
        setDirty(false);
        showDialog(null);
        return true;
      } catch (error) {
        // A path comes from the save dialog; Ctrl+S to the project file has none.
        if (target === undefined) onError(error);
        else setDialogError(errorMessage(error));
        return false;
      }
    },
    [api, mediaId, onError, showDialog],
  );

  /** Ctrl+S: to the project file, or ask for one on the first save. */
  const save = useCallback(() => {
    if (!mediaId) return;
    if (path) void saveTo();
    else showDialog({ kind: 'save-as' });
  }, [mediaId, path, saveTo, showDialog]);

  const settle = useCallback(
    async (result: ProjectOpenResult) => {
      if (result.status === 'missing-media') {
        showDialog({ kind: 'relink', projectPath: result.projectPath, mediaPath: result.mediaPath, message: result.message });
        return;
      }
      await adopt(result, 'project');
      showDialog(null);
    },
    [adopt, showDialog],
  );

  /** Open and relink, both asked through a dialog. */
  const run = useCallback(
    async (task: () => Promise<ProjectOpenResult>) => {
      try {
        await settle(await task());
      } catch (error) {
        setDialogError(errorMessage(error));
      }
    },
    [settle],
  );
  const openProject = useCallback((projectPath: string) => run(() => api.openProject(projectPath.trim())), [api, run]);
  const relink = useCallback((projectPath: string, folder: string) => run(() => api.relinkProject(projectPath, folder.trim())), [api, run]);

  const name = session ? projectName(path, session.media.info.path) : null;
  useEffect(() => {
    document.title = windowTitle(name, dirty);
  }, [name, dirty]);

  return { path, name, dirty, editCount, markEdited, save, saveTo, openProject, relink, dialog, dialogError, showDialog };
}
