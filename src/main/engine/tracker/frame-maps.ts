/** Per-frame maps of a tracker's object (prompts, results, memory): the parts of them undo saves and puts back. */

/** The entries of frames start..end (inclusive), as a new map; empty for no map. */
export function pickFrames<T>(map: ReadonlyMap<number, T> | undefined, start: number, end: number): Map<number, T> {
  const picked = new Map<number, T>();
  map?.forEach((value, frame) => {
    if (frame >= start && frame <= end) picked.set(frame, value);
  });
  return picked;
}

/** Frames start..end of `map` become exactly those of `saved`; other frames are untouched. */
export function replaceFrames<T>(map: Map<number, T>, saved: ReadonlyMap<number, T>, start: number, end: number): void {
  for (const frame of [...map.keys()]) if (frame >= start && frame <= end) map.delete(frame);
  saved.forEach((value, frame) => map.set(frame, value));
}

/**
 * Whether a frame whose prompts were removed keeps its mask, as a tracked frame's: yes between tracked
 * frames (a gap would cut the track in two, and the frame is re-tracked from the keyframes left), no alone.
 */
export function keepsMaskWhenCleared(results: ReadonlyMap<number, unknown>, frame: number): boolean {
  return results.has(frame - 1) || results.has(frame + 1);
}
