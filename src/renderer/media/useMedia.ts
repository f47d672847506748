import { useCallback, useState } from 'react';
import type { OpenedMedia, StudioApi } from '../../shared/api';
import type { SessionOrigin } from '../editor/sessionSlice';
import { useEditor } from '../editor/store';
import { nextObjectName } from '../objects/naming';

export function useMedia(api: StudioApi, onError: (error: unknown) => void) {
  const session = useEditor((s) => s.session);
  const openSession = useEditor((s) => s.openSession);
  const [opening, setOpening] = useState(false);

  /** Makes media the host already opened (a clip, a project, a recovery) the editor's session. */
  const adopt = useCallback(
    async (media: OpenedMedia, origin: SessionOrigin) => {
      const objects = await api.listObjects(media.mediaId);
      // A fresh clip gets one object to prompt right away.
      openSession({ media, objects: objects.length > 0 ? objects : [await api.createObject(media.mediaId, nextObjectName([]))], origin });
    },
    [api, openSession],
  );

  const open = useCallback(
    async (path: string) => {
      const trimmed = path.trim();
      if (!trimmed) {
        onError(new Error('Enter the path of a video, an image or an image sequence to open.'));
        return;
      }
      setOpening(true);
      try {
        await adopt(await api.openMedia(trimmed), 'media');
      } catch (error) {
        onError(error);
      } finally {
        setOpening(false);
      }
    },
    [api, adopt, onError],
  );

  return { session, opening, open, adopt };
}
