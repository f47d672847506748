/** Per-frame maps of a tracker's object (prompts, results, memory): the parts of them undo saves and puts back. */
import { rangeContains, type FrameRange } from '../../../shared/common/frame-range';

/** The entries of the range's frames, as a new map; empty for no map. */
export function pickFrames<T>(map: ReadonlyMap<number, T> | undefined, range: FrameRange): Map<number, T> {
  const picked = new Map<number, T>();
  map?.forEach((value, frame) => {
    if (rangeContains(range, frame)) picked.set(frame, value);
  });
  return picked;
}

/** The range's frames of `map` become exactly those of `saved`; other frames are untouched. */
export function replaceFrames<T>(map: Map<number, T>, saved: ReadonlyMap<number, T>, range: FrameRange): void {
  for (const frame of [...map.keys()]) if (rangeContains(range, frame)) map.delete(frame);
  saved.forEach((value, frame) => map.set(frame, value));
}

/**
 * Whether a frame whose prompts were removed keeps its mask, as a tracked frame's: yes between tracked
 * frames (a gap would cut the track in two, and the frame is re-tracked from the keyframes left), no alone.
 */
export function keepsMaskWhenCleared(results: ReadonlyMap<number, unknown>, frame: number): boolean {
  return results.has(frame - 1) || results.has(frame + 1);
}
