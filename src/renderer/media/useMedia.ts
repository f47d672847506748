import { useCallback, useState } from 'react';
import type { ObjectSummary, OpenedMedia, StudioApi } from '../../shared/api';
import { nextObjectName } from '../objects/naming';

/** How a session came to be open: a restored autosave holds work no project file has yet. */
export type SessionOrigin = 'media' | 'project' | 'recovery';

/** An open clip with its objects: never one without the other, so prompts have a target at once. */
export interface MediaSession {
  media: OpenedMedia;
  objects: ObjectSummary[];
  origin: SessionOrigin;
}

export function useMedia(api: StudioApi, onError: (error: unknown) => void) {
  const [session, setSession] = useState<MediaSession | null>(null);
  const [opening, setOpening] = useState(false);

  /** Makes media the host already opened (a clip, a project, a recovery) the editor's session. */
  const adopt = useCallback(
    async (media: OpenedMedia, origin: SessionOrigin) => {
      const objects = await api.listObjects(media.mediaId);
      // A fresh clip gets one object to prompt right away.
      setSession({ media, objects: objects.length > 0 ? objects : [await api.createObject(media.mediaId, nextObjectName([]))], origin });
    },
    [api],
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
