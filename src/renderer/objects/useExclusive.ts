import { useCallback, useEffect } from 'react';
import type { StudioApi } from '../../shared/api';
import { useLatest } from '../async/useLatest';
import { useEditor } from '../editor/store';

/**
 * Whether the clip's objects are exclusive (each pixel to one object), a project setting: reloaded
 * whenever an undo or redo may have changed it, shown at once when switched. The store learns each
 * value loaded: a switch changes every mask.
 */
export function useExclusive(api: StudioApi, mediaId: string | null, events: { onError: (error: unknown) => void; onChanged: () => void }) {
  const { onError, onChanged } = events;
  const version = useEditor((s) => s.settings);
  const exclusiveLoaded = useEditor((s) => s.exclusiveLoaded);
  const [settings, setSettings] = useLatest(mediaId === null ? null : `${mediaId}/${version}`, () => api.getSettings(mediaId!), onError);
  useEffect(() => {
    if (settings) exclusiveLoaded(settings.exclusive);
  }, [settings, exclusiveLoaded]);

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
