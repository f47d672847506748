/**
 * An object's track as the editor sees it: every frame is a keyframe (it has prompts), fresh (tracked from the
 * prompts as they are), stale (tracked from prompts that changed since) or untracked. Stale frames remember
 * the direction that re-tracks them: from the keyframe before them ('forward') or after them ('backward').
 * Pure functions over that state: which frames an edit invalidates, and what propagation re-tracks.
 */
import type { PropagateDirection } from '../../shared/engine';
import type { FrameRange } from '../../shared/common/frame-range';
import { influencedRange } from '../engine/tracker/influenced-range';

export type TrackDirection = 'forward' | 'backward';

export type FrameStatus = 'key' | 'fresh' | 'untracked' | { stale: TrackDirection };

/** What the service knows of one object's frames. */
export interface TrackFacts {
  frameCount: number;
  isKey: (frame: number) => boolean;
  hasMask: (frame: number) => boolean;
  stale: ReadonlyMap<number, TrackDirection>;
}

export function frameStatus(facts: TrackFacts, frame: number): FrameStatus {
  if (facts.isKey(frame)) return 'key';
  if (!facts.hasMask(frame)) return 'untracked';
  const stale = facts.stale.get(frame);
  return stale ? { stale } : 'fresh';
}

/** From the keyframe before `frame` to the keyframe after it, both excluded: every frame an edit on `frame` can change. */
export function keyframeSpan(frame: number, isKey: (frame: number) => boolean, frameCount: number): FrameRange {
  let start = frame;
  while (start > 0 && !isKey(start - 1)) start--;
  let end = frame;
  while (end < frameCount - 1 && !isKey(end + 1)) end++;
  return { start, end };
}

function someKey(facts: TrackFacts, from: number, to: number): boolean {
  for (let f = from; f <= to; f++) if (facts.isKey(f)) return true;
  return false;
}

/**
 * The frames a prompt change on `frame` makes stale (facts as they are after it), with the direction that
 * re-tracks each. New prompts on a tracked frame (a correction) make it a keyframe that reaches both ways,
 * up to the neighbouring keyframes. Prompts removed leave the masks they made stale, to be re-tracked from
 * the keyframes left: from one before them where there is one, else from one after. Prompts on an
 * untracked frame change no other frame.
 */
export function staleAfterPromptChange(facts: TrackFacts, frame: number, wasTracked: boolean): Map<number, TrackDirection> {
  const stale = new Map<number, TrackDirection>();
  const key = facts.isKey(frame);
  if (key && !wasTracked) return stale;
  const span = influencedRange(frame, facts.isKey, facts.hasMask, facts.frameCount);
  const fromBefore = someKey(facts, 0, span.start - 1);
  const fromAfter = someKey(facts, span.end + 1, facts.frameCount - 1);
  for (let f = span.start; f <= span.end; f++) {
    if (f === frame && key) continue;
    if (!facts.hasMask(f)) continue;
    if (key) stale.set(f, f < frame ? 'backward' : 'forward');
    else if (fromBefore || fromAfter) stale.set(f, fromBefore ? 'forward' : 'backward');
  }
  return stale;
}

/** A run of frames tracked from an anchor (a keyframe or a fresh frame beside it), in one direction. */
export interface RetrackRun {
  anchor: number;
  direction: TrackDirection;
  /** Inclusive; from <= to whatever the direction. */
  from: number;
  to: number;
}

export interface RetrackScope {
  direction: PropagateDirection;
  range: FrameRange;
  /** Untracked frames are tracked too (a propagation), or only stale ones (re-tracking after a correction). */
  untracked: boolean;
}

const isAnchor = (status: FrameStatus) => status === 'key' || status === 'fresh';

/** Runs in one direction over the frames `wanted` picks; a run needs an anchor in the range on the side it is tracked from. */
function runsOneWay(statuses: FrameStatus[], range: FrameRange, direction: TrackDirection, wanted: (status: FrameStatus) => boolean): RetrackRun[] {
  const runs: RetrackRun[] = [];
  for (let f = range.start; f <= range.end; f++) {
    if (!wanted(statuses[f])) continue;
    let end = f;
    while (end < range.end && wanted(statuses[end + 1])) end++;
    const anchor = direction === 'forward' ? f - 1 : end + 1;
    if (anchor >= range.start && anchor <= range.end && isAnchor(statuses[anchor])) runs.push({ anchor, direction, from: f, to: end });
    f = end;
  }
  return runs;
}

/**
 * What a propagation in `scope` tracks: the stale frames of its direction, and the untracked ones if asked,
 * each from the nearest anchor behind it. Both ways: forward first, then backward over what is left.
 */
export function planRetrack(statuses: readonly FrameStatus[], scope: RetrackScope): RetrackRun[] {
  const current = [...statuses];
  const wanted = (direction: TrackDirection) => (status: FrameStatus) => (scope.untracked && status === 'untracked') || (typeof status === 'object' && status.stale === direction);
  const runs: RetrackRun[] = [];
  for (const direction of ['forward', 'backward'] as const) {
    if (scope.direction !== 'both' && scope.direction !== direction) continue;
    for (const run of runsOneWay(current, scope.range, direction, wanted(direction))) {
      runs.push(run);
      for (let f = run.from; f <= run.to; f++) current[f] = 'fresh';
    }
  }
  return runs;
}

export const runLength = (run: RetrackRun) => run.to - run.from + 1;
