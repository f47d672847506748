import { useCallback, useEffect, useState } from 'react';
import type { OpenedMedia, ProjectOpenResult, StudioApi } from '../../shared/api';
import type { MediaSession, SessionOrigin } from '../media/useMedia';
import { projectName, windowTitle } from './projectPaths';

/** Which small dialog the project asks through, if any. */
export type ProjectDialog =
  | { kind: 'save-as' }
  | { kind: 'open' }
  | { kind: 'relink'; projectPath: string; mediaPath: string; message: string };

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

  const saveTo = useCallback(
    async (target?: string) => {
      if (!mediaId) return;
      try {
        const saved = await api.saveProject(mediaId, target);
        setPath(saved.path);
        setDirty(false);
        setDialog(null);
      } catch (error) {
        onError(error);
      }
    },
    [api, mediaId, onError],
  );

  /** Ctrl+S: to the project file, or ask for one on the first save. */
  const save = useCallback(() => {
    if (!mediaId) return;
    if (path) void saveTo();
    else setDialog({ kind: 'save-as' });
  }, [mediaId, path, saveTo]);

  const settle = useCallback(
    async (result: ProjectOpenResult) => {
      if (result.status === 'missing-media') {
        setDialog({ kind: 'relink', projectPath: result.projectPath, mediaPath: result.mediaPath, message: result.message });
        return;
      }
      setDialog(null);
      await adopt(result, 'project');
    },
    [adopt],
  );

  const run = useCallback(
    async (task: () => Promise<ProjectOpenResult>) => {
      try {
        await settle(await task());
      } catch (error) {
        onError(error);
      }
    },
    [settle, onError],
  );
  const openProject = useCallback((projectPath: string) => run(() => api.openProject(projectPath.trim())), [api, run]);
  const relink = useCallback((projectPath: string, folder: string) => run(() => api.relinkProject(projectPath, folder.trim())), [api, run]);

  const name = session ? projectName(path, session.media.info.path) : null;
  useEffect(() => {
    document.title = windowTitle(name, dirty);
  }, [name, dirty]);

  return { path, name, dirty, editCount, markEdited, save, saveTo, openProject, relink, dialog, setDialog };
}
