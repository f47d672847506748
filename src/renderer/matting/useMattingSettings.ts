import { useCallback } from 'react';
import type { ProjectSettings, StudioApi } from '../../shared/api';
import { useLatest } from '../async/useLatest';

export type MattingSettings = Pick<ProjectSettings, 'head' | 'quality' | 'temporalStability'>;

/** The project's matting choices (head, quality, temporal stability), kept by the host. */
export function useMattingSettings(api: StudioApi, mediaId: string | null, events: { onError: (error: unknown) => void; onEdited: () => void }) {
  const { onError, onEdited } = events;
  const [settings, setSettings] = useLatest<ProjectSettings>(mediaId, () => api.getSettings(mediaId!), onError);

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
