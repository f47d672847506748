/** Timeline geometry: where frames sit along the track, and frame sets as runs. */

/** Inclusive runs of consecutive frames. */
export type FrameRun = readonly [start: number, end: number];

export function framesToRuns(frames: Iterable<number>): FrameRun[] {
  const sorted = [...new Set(frames)].sort((a, b) => a - b);
  const runs: FrameRun[] = [];
  for (const f of sorted) {
    const last = runs[runs.length - 1];
    if (last && f === last[1] + 1) runs[runs.length - 1] = [last[0], f];
    else runs.push([f, f]);
  }
  return runs;
}

/** Tracked frames split into fresh ones and stale ones (stale frames not tracked are dropped: nothing to draw). */
export function splitStale(tracked: readonly number[], stale: readonly number[]): { fresh: number[]; stale: number[] } {
  const staleSet = new Set(stale);
  return { fresh: tracked.filter((f) => !staleSet.has(f)), stale: tracked.filter((f) => staleSet.has(f)) };
}

/** Position of a frame as a percentage of the track; frame 0 at 0 %, the last frame at 100 %. */
export function framePercent(frame: number, frameCount: number): number {
  return frameCount <= 1 ? 0 : (frame / (frameCount - 1)) * 100;
}

/** The run as left/width percentages, each frame one cell wide, centred on its position. */
export function runSpan(run: FrameRun, frameCount: number): { left: number; width: number } {
  const cell = frameCount <= 1 ? 100 : 100 / (frameCount - 1);
  const left = Math.max(0, framePercent(run[0], frameCount) - cell / 2);
  const right = Math.min(100, framePercent(run[1], frameCount) + cell / 2);
  return { left, width: right - left };
}

export function clampFrame(frame: number, frameCount: number): number {
  return Math.min(Math.max(0, frameCount - 1), Math.max(0, Math.round(frame)));
}

/** Width of the frame slider's thumb in styles.css: its centre travels the slider inset by half of it. */
const SLIDER_THUMB = 10;

/** The frame the slider selects at x pixels from its left edge, as the native slider rounds it. */
export function frameAtOffset(x: number, sliderWidth: number, frameCount: number): number {
  const travel = Math.max(1, sliderWidth - SLIDER_THUMB);
  return clampFrame(((x - SLIDER_THUMB / 2) / travel) * (frameCount - 1), frameCount);
}
