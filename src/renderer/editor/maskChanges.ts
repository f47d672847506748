/** Which masks an edit changes, as far as the editor can tell from what the host answers. */
import type { HistoryStep } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import { bumpFrames, bumpObjects, type AllObjects, type MaskVersions } from './maskVersions';

export interface MaskChange {
  objectIds: readonly ObjectId[] | AllObjects;
  /** 'all': every frame of those objects. */
  frames: readonly number[] | 'all';
}

/** With exclusive objects a pixel one object gains another loses: a change to one is a change to all. */
export function applyChange(v: MaskVersions, change: MaskChange | null, exclusive: boolean): MaskVersions {
  if (!change) return v;
  const objectIds = exclusive ? 'all' : change.objectIds;
  return change.frames === 'all' ? bumpObjects(v, objectIds) : bumpFrames(v, objectIds, change.frames);
}

/**
 * New prompts on a frame change its mask only. Cleared prompts may have been the object's last, which drops all
 * its masks; the object list may lag a quick run of edits, so a clearing counts for all its frames (it is rare).
 */
export function promptChange(objectId: ObjectId, frame: number, cleared: boolean): MaskChange {
  return { objectIds: [objectId], frames: cleared ? 'all' : [frame] };
}

/**
 * An undo or redo: a step on an object puts back its frames (a prompt step those up to the keyframes either side,
 * as the host saved them; the step does not say which, and the object list may lag a quick run of undos: all of
 * them); a settings step no mask (the exclusive switch counts apart, when it loads).
 */
export function historyChange(step: HistoryStep): MaskChange | null {
  return step.objectId === undefined ? null : { objectIds: [step.objectId], frames: 'all' };
}
