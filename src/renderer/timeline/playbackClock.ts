/** Playback driven by the wall clock: where the playhead should be, and which frames come next. */
import type { Rational } from '../../shared/media';
import type { Shuttle } from './shuttle';

/** Where playback started: its frame and performance.now() at that moment. */
export interface PlaybackStart {
  frame: number;
  time: number;
}

/**
 * The frame due `now`, at the clip's rate times the shuttle speed, clamped to the clip. Frames not
 * shown in time are skipped, so playback keeps the clock instead of slowing down.
 */
export function frameDue(start: PlaybackStart, now: number, fps: Rational, shuttle: Shuttle, frameCount: number): number {
  const elapsedFrames = Math.floor(((now - start.time) * fps.num * shuttle.speed) / (1000 * fps.den));
  return Math.min(frameCount - 1, Math.max(0, start.frame + shuttle.direction * Math.max(0, elapsedFrames)));
}

/** The next `count` frames in the shuttle's direction after `frame`, within the clip (what to load ahead). */
export function framesAhead(frame: number, shuttle: Shuttle, frameCount: number, count: number): number[] {
  const out: number[] = [];
  for (let k = 1; k <= count && shuttle.direction !== 0; k++) {
    const f = frame + k * shuttle.direction * Math.max(1, Math.round(shuttle.speed));
    if (f < 0 || f >= frameCount) break;
    out.push(f);
  }
  return out;
}
