import type { FrameStat, StudioApi } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import { useLatest } from '../async/useLatest';
import { objectVersion } from '../editor/maskVersions';
import { useEditor } from '../editor/store';

const NO_STATS: readonly FrameStat[] = [];

/**
 * The drift strip's statistics of one object, reloaded whenever any of its masks changes, as propagation
 * streams its frames too (loads run one at a time, so a fast stream costs few requests).
 */
export function useTrackStats(api: StudioApi, mediaId: string | null, objectId: ObjectId | null, onError: (error: unknown) => void): readonly FrameStat[] {
  const version = useEditor((s) => (objectId === null ? 0 : objectVersion(s.masks, objectId)));
  const key = mediaId !== null && objectId !== null ? `${mediaId}/${objectId}/${version}` : null;
  const [loaded] = useLatest(key, async () => ({ mediaId, objectId, stats: await api.getTrackStats(mediaId!, objectId!) }), onError);
  // Until the selected object's own stats arrive, show none rather than the previous object's.
  return loaded && loaded.mediaId === mediaId && loaded.objectId === objectId ? loaded.stats : NO_STATS;
}
