/** An object's lane as frames stream in from a propagation. */
import type { ObjectSummary } from '../../shared/api';

/** The object with `frame` tracked, and fresh: a frame a job reports was tracked from the prompts as they are. */
export function withTrackedFrame(object: ObjectSummary, frame: number): ObjectSummary {
  const tracked = object.trackedFrames.includes(frame);
  const stale = object.staleFrames.includes(frame);
  if (tracked && !stale) return object;
  return {
    ...object,
    trackedFrames: tracked ? object.trackedFrames : [...object.trackedFrames, frame],
    staleFrames: stale ? object.staleFrames.filter((f) => f !== frame) : object.staleFrames,
  };
}
