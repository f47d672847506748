/**
 * Which masks changed, per object and frame: every change takes the next stamp of one clock, and the version
 * of an object's mask on a frame is the newest stamp covering it. Caches keyed by the versions of what they
 * draw stay valid for every frame a change did not touch.
 */
import type { ObjectId } from '../../shared/prompts';

/** Every object (exclusive objects share their pixels: one's change is all of theirs). */
export type AllObjects = 'all';

export interface MaskVersions {
  clock: number;
  /** Every object's every frame (a new clip, the exclusive setting switched). */
  all: number;
  /** Every frame of an object (removed, restored, an undo that puts back its frames). */
  objects: ReadonlyMap<ObjectId, number>;
  /** One frame of an object; entries older than the object's own stamp are dropped. */
  frames: ReadonlyMap<ObjectId, ReadonlyMap<number, number>>;
  /** One frame of every object. */
  sharedFrames: ReadonlyMap<number, number>;
  /** The newest of sharedFrames. */
  sharedLatest: number;
  /** The newest stamp anywhere in an object's frames: what whole-object views (the drift strip) follow. */
  latest: ReadonlyMap<ObjectId, number>;
}

export const NO_VERSIONS: MaskVersions = { clock: 0, all: 0, objects: new Map(), frames: new Map(), sharedFrames: new Map(), sharedLatest: 0, latest: new Map() };

/** The version of an object's mask on a frame. */
export function maskVersion(v: MaskVersions, objectId: ObjectId, frame: number): number {
  return Math.max(v.all, v.objects.get(objectId) ?? 0, v.frames.get(objectId)?.get(frame) ?? 0, v.sharedFrames.get(frame) ?? 0);
}

/** Moves whenever any of the object's masks changes. */
export function objectVersion(v: MaskVersions, objectId: ObjectId): number {
  return Math.max(v.all, v.latest.get(objectId) ?? 0, v.sharedLatest);
}

/** The versions of the objects' masks on the frames, as one cache key part. */
export function drawnVersion(v: MaskVersions, objectIds: readonly ObjectId[], frames: readonly number[]): string {
  return frames.map((f) => objectIds.map((o) => maskVersion(v, o, f)).join('.')).join('/');
}

/** Everything changed. */
export function bumpAll(v: MaskVersions): MaskVersions {
  const stamp = v.clock + 1;
  // Older stamps can no longer win: drop them.
  return { ...NO_VERSIONS, clock: stamp, all: stamp };
}

/** Every frame of the objects changed. */
export function bumpObjects(v: MaskVersions, objectIds: readonly ObjectId[] | AllObjects): MaskVersions {
  if (objectIds === 'all') return bumpAll(v);
  const stamp = v.clock + 1;
  const objects = new Map(v.objects);
  const frames = new Map(v.frames);
  const latest = new Map(v.latest);
  for (const id of objectIds) {
    objects.set(id, stamp);
    frames.delete(id);
    latest.set(id, stamp);
  }
  return { ...v, clock: stamp, objects, frames, latest };
}

/** The objects' masks on these frames changed, and no other. */
export function bumpFrames(v: MaskVersions, objectIds: readonly ObjectId[] | AllObjects, changed: readonly number[]): MaskVersions {
  if (changed.length === 0) return v;
  const stamp = v.clock + 1;
  if (objectIds === 'all') {
    const sharedFrames = new Map(v.sharedFrames);
    for (const f of changed) sharedFrames.set(f, stamp);
    return { ...v, clock: stamp, sharedFrames, sharedLatest: stamp };
  }
  const frames = new Map(v.frames);
  const latest = new Map(v.latest);
  for (const id of objectIds) {
    const own = new Map(frames.get(id));
    for (const f of changed) own.set(f, stamp);
    frames.set(id, own);
    latest.set(id, stamp);
  }
  return { ...v, clock: stamp, frames, latest };
}
