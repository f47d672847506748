import { useCallback } from 'react';
import type { ProjectSettings, StudioApi } from '../../shared/api';
import { useLatest } from '../async/useLatest';

export type MattingSettings = Pick<ProjectSettings, 'head' | 'quality'>;

/**
 * The project's matting choices (head, quality), kept by the host: reloaded whenever the project may
 * have changed (revision), since an undo or redo of a settings edit changes them there.
 */
export function useMattingSettings(api: StudioApi, mediaId: string | null, revision: number, events: { onError: (error: unknown) => void; onEdited: () => void }) {
  const { onError, onEdited } = events;
  const [settings, setSettings] = useLatest<ProjectSettings>(mediaId === null ? null : `${mediaId}/${revision}`, () => api.getSettings(mediaId!), onError);

  const update = useCallback(
    async (patch: Partial<MattingSettings>) => {
      if (!mediaId) return;
      try {
        setSettings(await api.updateSettings(mediaId, patch));
        onEdited();
      } catch (error) {
        onError(error);
      }
    },
    [api, mediaId, setSettings, onError, onEdited],
  );

  return { settings: settings ?? null, update };
}
