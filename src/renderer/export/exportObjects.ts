/** Which objects an export carries and how: one matte of the chosen objects, or one output each. */
import type { ExportRequest } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';

export type ExportSplit = NonNullable<ExportRequest['split']>;

export interface ObjectChoice {
  objectIds: ObjectId[];
  split: ExportSplit;
}

/** The request's part for a choice, or the reason it cannot be exported. */
export function objectRequest(choice: ObjectChoice, all: readonly ObjectId[]): Pick<ExportRequest, 'objectIds' | 'split'> | { error: string } {
  const chosen = all.filter((id) => choice.objectIds.includes(id));
  if (chosen.length === 0) return { error: 'Choose at least one object to export.' };
  return { objectIds: chosen, split: choice.split };
}

export function toggleObject(ids: readonly ObjectId[], id: ObjectId): ObjectId[] {
  return ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id];
}
