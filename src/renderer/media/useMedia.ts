import { useCallback, useState } from 'react';
import type { ObjectSummary, OpenedMedia, StudioApi } from '../../shared/api';
import { nextObjectName } from '../objects/naming';

/** An open clip with its objects: never one without the other, so prompts have a target at once. */
export interface MediaSession {
  media: OpenedMedia;
  objects: ObjectSummary[];
}

export function useMedia(api: StudioApi, onError: (error: unknown) => void) {
  const [session, setSession] = useState<MediaSession | null>(null);
  const [opening, setOpening] = useState(false);

  const open = useCallback(
    async (path: string) => {
      const trimmed = path.trim();
      if (!trimmed) {
        onError(new Error('Enter the path of a video, an image or an image sequence to open.'));
        return;
      }
      setOpening(true);
      try {
        const media = await api.openMedia(trimmed);
        const objects = await api.listObjects(media.mediaId);
        // A fresh clip gets one object to prompt right away.
        setSession({ media, objects: objects.length > 0 ? objects : [await api.createObject(media.mediaId, nextObjectName([]))] });
      } catch (error) {
        onError(error);
      } finally {
        setOpening(false);
      }
    },
    [api, onError],
  );

  return { session, opening, open };
}
