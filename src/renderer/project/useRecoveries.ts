import { useCallback, useEffect, useState } from 'react';
import type { OpenedMedia, Recovery, StudioApi } from '../../shared/api';
import type { SessionOrigin } from '../editor/sessionSlice';

/** Autosaves left by a session that did not close cleanly, offered once when the editor starts. */
export function useRecoveries(api: StudioApi, adopt: (media: OpenedMedia, origin: SessionOrigin) => Promise<void>, onError: (error: unknown) => void) {
  const [recoveries, setRecoveries] = useState<Recovery[]>([]);

  useEffect(() => {
    let live = true;
    api.listRecoveries().then((list) => live && setRecoveries(list), onError);
    return () => {
      live = false;
    };
  }, [api, onError]);

  const forget = (id: string) => setRecoveries((list) => list.filter((r) => r.id !== id));

  const restore = useCallback(
    async (id: string) => {
      try {
        await adopt(await api.restoreRecovery(id), 'recovery');
        forget(id);
      } catch (error) {
        onError(error);
      }
    },
    [api, adopt, onError],
  );

  const discard = useCallback(
    async (id: string) => {
      try {
        await api.discardRecovery(id);
        forget(id);
      } catch (error) {
        onError(error);
      }
    },
    [api, onError],
  );

  return { recoveries, restore, discard };
}
