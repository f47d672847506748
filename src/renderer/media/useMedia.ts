import { useCallback, useState } from 'react';
import type { OpenedMedia, StudioApi } from '../../shared/api';

/** The clip being edited. */
export function useMedia(api: StudioApi, onError: (error: unknown) => void) {
  const [media, setMedia] = useState<OpenedMedia | null>(null);
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
        setMedia(await api.openMedia(trimmed));
      } catch (error) {
        onError(error);
      } finally {
        setOpening(false);
      }
    },
    [api, onError],
  );

  return { media, opening, open };
}
