/**
 * The one frame range of the app, from media to the command line: inclusive frame indices of a clip,
 * start <= end. An open end (an in or out point not set) is the clip's first or last frame, closed by
 * rangeBetween. TimeRange is the same span as exact seconds (OpenTimelineIO's start and duration).
 */
import type { Rational } from '../media';
import { addRationals, multiplyRationals, rational } from './rational';

export interface FrameRange {
  /** Inclusive. */
  start: number;
  end: number;
}

/** Where and how long in seconds, kept exact at any rate. */
export interface TimeRange {
  start: Rational;
  duration: Rational;
}

export function wholeClip(frameCount: number): FrameRange {
  return { start: 0, end: frameCount - 1 };
}

/** The range from `start` to `end`, an end left open (null or omitted) being the clip's first or last frame. */
export function rangeBetween(start: number | null | undefined, end: number | null | undefined, frameCount: number): FrameRange {
  return { start: start ?? 0, end: end ?? frameCount - 1 };
}

export function rangeLength(range: FrameRange): number {
  return range.end - range.start + 1;
}

export function rangeContains(range: FrameRange, frame: number): boolean {
  return frame >= range.start && frame <= range.end;
}

/** Each end moved into the clip (a range past a shorter clip's end becomes its last frame). */
export function clampRange(range: FrameRange, frameCount: number): FrameRange {
  const last = Math.max(0, frameCount - 1);
  const clamp = (frame: number) => Math.min(last, Math.max(0, frame));
  return { start: clamp(range.start), end: clamp(range.end) };
}

/** The range's frame nearest to `frame`. */
export function clampToRange(frame: number, range: FrameRange): number {
  return Math.min(range.end, Math.max(range.start, frame));
}

/** The frames both ranges hold; null when they hold none in common. */
export function intersectRanges(a: FrameRange, b: FrameRange): FrameRange | null {
  const start = Math.max(a.start, b.start);
  const end = Math.min(a.end, b.end);
  return start <= end ? { start, end } : null;
}

export function* rangeFrames(range: FrameRange): Generator<number> {
  for (let frame = range.start; frame <= range.end; frame++) yield frame;
}

export function formatRange(range: FrameRange): string {
  return `${range.start}-${range.end}`;
}

/** The seconds the range's frames are shown, at a clip's constant rate. */
export function toTimeRange(range: FrameRange, fps: Rational): TimeRange {
  const frameDuration = rational(fps.den, fps.num);
  return { start: multiplyRationals(rational(range.start, 1), frameDuration), duration: multiplyRationals(rational(rangeLength(range), 1), frameDuration) };
}

/** The frames on screen during a time range at a clip's rate (a frame partly inside counts); null when it shows none. */
export function fromTimeRange(time: TimeRange, fps: Rational): FrameRange | null {
  const frameAt = (seconds: Rational) => multiplyRationals(seconds, fps);
  const start = frameAt(time.start);
  const end = frameAt(addRationals(time.start, time.duration));
  const first = Math.floor(start.num / start.den);
  const last = Math.ceil(end.num / end.den) - 1;
  return first <= last ? { start: first, end: last } : null;
}
