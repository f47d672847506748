import { useEffect, useState } from 'react';
import type { FrameStat, StudioApi, StudioTransport } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import { useLatest } from '../async/useLatest';

const NO_STATS: readonly FrameStat[] = [];

/**
 * The drift strip's statistics of one object, reloaded whenever masks change and as propagation
 * streams that object's frames (loads run one at a time, so a fast stream costs few requests).
 */
export function useTrackStats(
  api: StudioApi,
  transport: StudioTransport,
  mediaId: string | null,
  objectId: ObjectId | null,
  revision: number,
  onError: (error: unknown) => void,
): readonly FrameStat[] {
  const [streamed, setStreamed] = useState(0);
  useEffect(
    () =>
      transport.onEvent((event) => {
        if (event.type === 'frame' && event.objectId === objectId) setStreamed((n) => n + 1);
      }),
    [transport, objectId],
  );
  const key = mediaId !== null && objectId !== null ? `${mediaId}/${objectId}/${revision}/${streamed}` : null;
  const [loaded] = useLatest(key, async () => ({ mediaId, objectId, stats: await api.getTrackStats(mediaId!, objectId!) }), onError);
  // Until the selected object's own stats arrive, show none rather than the previous object's.
  return loaded && loaded.mediaId === mediaId && loaded.objectId === objectId ? loaded.stats : NO_STATS;
}
