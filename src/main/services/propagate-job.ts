/**
 * The propagation job behind StudioApi.propagate: tracks, per object, the frames of the request's direction that
 * are stale or untracked, each run from the anchor behind it (a keyframe or a fresh frame); a correction re-tracks
 * only the stale frames around its frame, up to the neighbouring keyframes. Fresh frames stay as they are.
 */
import { StudioError } from '../../shared/errors';
import type { ProjectSettings } from '../../shared/api';
import type { PropagateRequest, TrackResult } from '../../shared/engine';
import type { ObjectId } from '../../shared/prompts';
import { intersectRanges, rangeBetween, type FrameRange } from '../../shared/common/frame-range';
import { validateFrameIndex, validateFrameRange } from '../../shared/validate-prompts';
import type { ObjectTracks } from './clip/object-tracks';
import { frameStatus, keyframeSpan, planRetrack, runLength, type RetrackRun } from './track-state';

export interface PropagationPlan {
  runs: { objectId: ObjectId; run: RetrackRun }[];
  /** Frames to track over all runs (anchors not counted). */
  total: number;
  /** The tracks' revision when planned: a change since means the frames tracked may come from old prompts. */
  revision: number;
}

/** Checks a request against the clip and works out the runs; throws a message an editor can act on. */
export function planPropagation(request: PropagateRequest, tracks: ObjectTracks, settings: Pick<ProjectSettings, 'inPoint' | 'outPoint'>): PropagationPlan {
  const objectIds = tracks.select(request.objectIds).filter((id) => tracks.get(id).prompts.size > 0);
  if (!objectIds.length) throw new StudioError('bad-request', 'Nothing to propagate: prompt an object on a frame first.');
  const { frameCount } = tracks;
  const range = validateFrameRange(request.range ?? rangeBetween(settings.inPoint, settings.outPoint, frameCount), frameCount);
  if (request.startFrame !== undefined) validateFrameIndex(request.startFrame, frameCount);
  if (!request.correction) requireAnchorInRange(tracks, objectIds, range);
  const runs = objectIds.flatMap((objectId) => retrackRuns(tracks, objectId, request, range).map((run) => ({ objectId, run })));
  return { runs, total: runs.reduce((n, { run }) => n + runLength(run), 0), revision: tracks.revision };
}

/** A tracker starts from a keyframe or a tracked frame; one outside the range would leave the range empty. */
function requireAnchorInRange(tracks: ObjectTracks, objectIds: ObjectId[], range: FrameRange): void {
  for (const objectId of objectIds) {
    const object = tracks.get(objectId);
    let anchored = false;
    for (let f = range.start; f <= range.end && !anchored; f++) anchored = object.prompts.has(f) || tracks.tracker.getResult(objectId, f) !== undefined;
    if (!anchored)
      throw new StudioError(
        'bad-request',
        `${object.name} has no keyframe and no tracked frame between frames ${range.start} and ${range.end}: prompt it inside the range, or widen the in/out points.`,
      );
  }
}

/**
 * The runs a request tracks for one object. A correction reaches from the keyframe before its frame to the
 * keyframe after it; a start frame with one direction limits the range to that side of it.
 */
function retrackRuns(tracks: ObjectTracks, objectId: ObjectId, request: PropagateRequest, range: FrameRange): RetrackRun[] {
  const facts = tracks.facts(tracks.get(objectId));
  const start = request.startFrame;
  let scope: FrameRange | null = range;
  if (request.correction) {
    if (start === undefined) throw new StudioError('bad-request', 'A correction needs the frame it was made on (startFrame).');
    const span = keyframeSpan(start, facts.isKey, facts.frameCount);
    scope = intersectRanges({ start: span.start - 1, end: span.end + 1 }, range);
  } else if (start !== undefined && request.direction !== 'both') {
    scope = intersectRanges(request.direction === 'forward' ? { start, end: range.end } : { start: range.start, end: start }, range);
  }
  if (!scope) return [];
  const statuses = Array.from({ length: facts.frameCount }, (_, f) => frameStatus(facts, f));
  return planRetrack(statuses, { direction: request.direction, range: scope, untracked: !request.correction });
}

export interface PropagationRun {
  signal: AbortSignal;
  /** Frames tracked so far, anchors not counted. */
  onProgress(done: number, total: number): void;
  /** Each frame tracked, an anchor once however many runs start from it. */
  onFrame(objectId: ObjectId, result: TrackResult): void;
}

/** Tracks the plan's runs in order; a frame tracked from the prompts as they still are is no longer stale. */
export async function runPropagation(plan: PropagationPlan, tracks: ObjectTracks, run: PropagationRun): Promise<void> {
  run.onProgress(0, plan.total);
  const reported = new Set<string>();
  let done = 0;
  for (const { objectId, run: part } of plan.runs) {
    const request: PropagateRequest = {
      objectIds: [objectId],
      direction: part.direction,
      startFrame: part.anchor,
      range: { start: Math.min(part.anchor, part.from), end: Math.max(part.anchor, part.to) },
    };
    for await (const result of tracks.tracker.propagate(request, run.signal)) {
      const key = `${objectId}:${result.frame}`;
      if (!reported.has(key)) run.onFrame(objectId, result);
      reported.add(key);
      if (result.frame === part.anchor) continue;
      // Prompts changed while it ran: what it tracks since may come from the old ones, so it stays stale.
      const object = tracks.objects.get(objectId);
      if (tracks.revision === plan.revision) tracks.markFresh(objectId, result.frame);
      else if (object && !object.prompts.has(result.frame)) tracks.markStale(objectId, result.frame, part.direction);
      run.onProgress(++done, plan.total);
    }
  }
}
