/** Which objects the viewer draws: a soloed object alone, otherwise every object not hidden. */
import type { ObjectSummary } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';

export function visibleObjectIds(objects: readonly ObjectSummary[], soloId: ObjectId | null): ObjectId[] {
  if (soloId !== null && objects.some((o) => o.objectId === soloId)) return [soloId];
  return objects.filter((o) => !o.hidden).map((o) => o.objectId);
}

/** Why the selected object cannot take prompts, or null when it can. */
export function editBlockedReason(object: ObjectSummary | undefined): string | null {
  return object?.locked ? `${object.name} is locked: unlock it in the object list to edit its prompts.` : null;
}
