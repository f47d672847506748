import { useMemo } from 'react';
import type { StudioApi } from '../../shared/api';
import { useLatest } from '../async/useLatest';
import { useEditor } from '../editor/store';
import { NO_IN_OUT, type InOut } from './inOut';

/**
 * In/out points of the open clip, kept in its project settings (so they are saved, and undoable):
 * reloaded whenever an undo or redo may have changed them (the store's settings version), shown at once when the editor marks them.
 */
export function useInOut(api: StudioApi, mediaId: string | null, onError: (error: unknown) => void) {
  const version = useEditor((s) => s.settings);
  const [settings, setSettings] = useLatest(mediaId === null ? null : `${mediaId}/${version}`, () => api.getSettings(mediaId!), onError);
  const inPoint = settings?.inPoint ?? null;
  const outPoint = settings?.outPoint ?? null;
  const points = useMemo<InOut>(() => (inPoint === null && outPoint === null ? NO_IN_OUT : { inPoint, outPoint }), [inPoint, outPoint]);

  const change = (next: InOut) => {
    if (mediaId === null) return;
    setSettings((s) => s && { ...s, ...next });
    api.updateSettings(mediaId, next).then(setSettings, onError);
  };

  return { points, change };
}
