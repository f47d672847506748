import { useCallback } from 'react';
import type { StudioApi } from '../../shared/api';
import { useLatest } from '../async/useLatest';

/**
 * Whether the clip's objects are exclusive (each pixel to one object), a project setting: reloaded
 * whenever the project may have changed (revision, so undo shows), shown at once when switched.
 */
export function useExclusive(api: StudioApi, mediaId: string | null, revision: number, events: { onError: (error: unknown) => void; onChanged: () => void }) {
  const { onError, onChanged } = events;
  const [settings, setSettings] = useLatest(mediaId === null ? null : `${mediaId}/${revision}`, () => api.getSettings(mediaId!), onError);

  const set = useCallback(
    async (exclusive: boolean) => {
      if (mediaId === null) return;
      try {
        setSettings(await api.updateSettings(mediaId, { exclusive }));
        onChanged();
      } catch (error) {
        onError(error);
      }
    },
    [api, mediaId, setSettings, onError, onChanged],
  );

  return { exclusive: settings?.exclusive ?? false, set };
}
