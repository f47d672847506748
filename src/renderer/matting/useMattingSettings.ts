import { useCallback } from 'react';
import type { ProjectSettings, StudioApi } from '../../shared/api';
import { useLatest } from '../async/useLatest';
import { useEditor } from '../editor/store';

export type MattingSettings = Pick<ProjectSettings, 'head' | 'quality'>;

/**
 * The project's matting choices (head, quality), kept by the host: reloaded whenever an undo or redo may have
 * changed the settings there (the store's settings version).
 */
export function useMattingSettings(api: StudioApi, mediaId: string | null, events: { onError: (error: unknown) => void; onEdited: () => void }) {
  const { onError, onEdited } = events;
  const version = useEditor((s) => s.settings);
  const mattesChanged = useEditor((s) => s.mattesChanged);
  const [settings, setSettings] = useLatest<ProjectSettings>(mediaId === null ? null : `${mediaId}/${version}`, () => api.getSettings(mediaId!), onError);

  const update = useCallback(
    async (patch: Partial<MattingSettings>) => {
      if (!mediaId) return;
      try {
        setSettings(await api.updateSettings(mediaId, patch));
        mattesChanged();
        onEdited();
      } catch (error) {
        onError(error);
      }
    },
    [api, mediaId, setSettings, mattesChanged, onError, onEdited],
  );

  return { settings: settings ?? null, update };
}
