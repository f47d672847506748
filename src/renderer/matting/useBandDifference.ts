import type { Matte, StudioApi } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import { useLatest } from '../async/useLatest';
import type { ViewerContent } from '../viewer/useViewerContent';
import { bandDifference, type BandDifference } from './bandDifference';

/** A number per matte loaded: a new matte on screen (an edit, another frame) asks for a new difference. */
const matteIds = new WeakMap<Matte, number>();
let lastMatteId = 0;
function idOf(matte: Matte): number {
  let id = matteIds.get(matte);
  if (id === undefined) matteIds.set(matte, (id = ++lastMatteId));
  return id;
}

/**
 * In the A/B view, where the shown matte's other quality differs from it inside the band (final
 * against preview): the shown matte is the content's, the other one and the trimap are loaded here.
 */
export function useBandDifference(api: StudioApi, content: ViewerContent | undefined, objectIds: readonly ObjectId[], onError: (error: unknown) => void) {
  const matte = content?.mode === 'compare' ? content.matte : null;
  const [difference] = useLatest<BandDifference & { matte: Matte }>(
    content && matte ? `${idOf(matte)}:${objectIds.join(',')}` : null,
    async () => {
      const { mediaId, index } = content!;
      const other = matte!.source.quality === 'final' ? 'preview' : 'final';
      const [otherMatte, trimap] = await Promise.all([api.getMatte(mediaId, index, [...objectIds], other), api.getTrimap(mediaId, index, [...objectIds])]);
      const [preview, final] = other === 'final' ? [matte!, otherMatte] : [otherMatte, matte!];
      return { matte: matte!, ...bandDifference(preview, final, trimap) };
    },
    onError,
  );
  // Only while it belongs to the matte on screen.
  return difference && difference.matte === matte ? difference : null;
}
