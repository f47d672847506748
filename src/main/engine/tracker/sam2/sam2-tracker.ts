/**
 * The SAM 2.1 video tracker behind the Tracker contract: prompts make conditioning frames, propagation
 * tracks frame by frame (all objects per frame, so each frame's features are computed once), and a
 * correction re-runs exactly the frames it influences (spec §5, our correction rule).
 */
import type { FrameSource, PropagateRequest, TrackResult, Tracker } from '../../../../shared/engine';
import type { ObjectId, Prompt } from '../../../../shared/prompts';
import { abortError } from '../../../media/ffmpeg';
import { influencedRange, type FrameSpan } from '../influenced-range';
import { packMask, unpackMask, type PackedMask } from './mask-store';
import type { ModuleRunner } from './module-runner';
import { ObjectMemory } from './object-memory';
import type { FrameOutcome, Sam2VideoSession } from './sam2-video-session';

interface StoredResult {
  mask: PackedMask;
  score: number;
  present: boolean;
  objectScore: number;
  source: TrackResult['source'];
}

interface TrackedObject {
  memory: ObjectMemory;
  prompts: Map<number, Prompt[]>;
  results: Map<number, StoredResult>;
  /** Frames reached by propagation, with whether tracking ran in reverse there (SAM2 frames_tracked_per_obj). */
  tracked: Map<number, boolean>;
}

interface Walk {
  id: ObjectId;
  object: TrackedObject;
  start: number;
  span: FrameSpan;
}

export class Sam2Tracker implements Tracker {
  private readonly objects = new Map<ObjectId, TrackedObject>();

  constructor(
    readonly name: string,
    private readonly session: Sam2VideoSession,
    private readonly source: FrameSource,
    private readonly runner: ModuleRunner,
  ) {}

  async setPrompts(objectId: ObjectId, frame: number, prompts: Prompt[], signal?: AbortSignal): Promise<TrackResult | null> {
    this.checkFrame(frame);
    const object = this.object(objectId);
    if (prompts.length === 0) {
      object.prompts.delete(frame);
      object.memory.removeCond(frame);
      if (object.results.get(frame)?.source === 'prompt') object.results.delete(frame);
      return null;
    }
    // A frame propagation already reached is a correction: it attends to memory, and its earlier mask is the mask prompt.
    const initial = !object.tracked.has(frame);
    const earlier = object.results.get(frame);
    const outcome = await this.session.step(
      object.memory,
      frame,
      { reverse: object.tracked.get(frame) ?? false, initial, prompts, previous: !initial && earlier ? unpackMask(earlier.mask) : null },
      signal,
    );
    object.memory.setCond(frame, outcome.entry);
    if (!initial) object.memory.clearNonCondAround(frame);
    object.prompts.set(frame, prompts);
    return this.store(objectId, object, frame, outcome, 'prompt');
  }

  async *propagate(request: PropagateRequest, signal?: AbortSignal): AsyncGenerator<TrackResult> {
    const last = this.source.frameCount - 1;
    const rangeStart = Math.max(0, request.rangeStart ?? 0);
    const rangeEnd = Math.min(last, request.rangeEnd ?? last);
    const walks: Walk[] = [];
    for (const id of request.objectIds ?? [...this.objects.keys()]) {
      const object = this.objects.get(id);
      if (!object || object.prompts.size === 0) continue;
      const start = Math.min(rangeEnd, Math.max(rangeStart, request.startFrame ?? Math.min(...object.prompts.keys())));
      const reach = request.correction
        ? influencedRange(start, (f) => object.prompts.has(f), (f) => object.results.has(f), this.source.frameCount)
        : { start: 0, end: last };
      walks.push({ id, object, start, span: { start: Math.max(rangeStart, reach.start), end: Math.min(rangeEnd, reach.end) } });
    }
    if (walks.length === 0) return;
    if (request.direction !== 'backward') yield* this.pass(walks, false, true, signal);
    // After a forward pass the start frames were already reported.
    if (request.direction !== 'forward') yield* this.pass(walks, true, request.direction === 'backward', signal);
  }

  getResult(objectId: ObjectId, frame: number): TrackResult | undefined {
    const stored = this.objects.get(objectId)?.results.get(frame);
    return stored && this.toResult(objectId, frame, stored);
  }

  clearObject(objectId: ObjectId): void {
    this.objects.delete(objectId);
  }

  reset(): void {
    this.objects.clear();
    this.session.clearFeatures();
  }

  /** Releases the model sessions. */
  close(): Promise<void> {
    return this.runner.close();
  }

  /** One direction, frame-major: every object steps on a frame before the next frame is touched. */
  private async *pass(walks: Walk[], reverse: boolean, reportStart: boolean, signal?: AbortSignal): AsyncGenerator<TrackResult> {
    const step = reverse ? -1 : 1;
    const from = reverse ? Math.max(...walks.map((w) => w.start)) : Math.min(...walks.map((w) => w.start));
    const to = reverse ? Math.min(...walks.map((w) => w.span.start)) : Math.max(...walks.map((w) => w.span.end));
    for (let frame = from; reverse ? frame >= to : frame <= to; frame += step) {
      if (signal?.aborted) throw abortError();
      this.session.prefetch(frame + step);
      for (const walk of walks) {
        const inside = reverse ? frame <= walk.start && frame >= walk.span.start : frame >= walk.start && frame <= walk.span.end;
        if (!inside) continue;
        const result = await this.visit(walk, frame, reverse, signal);
        if (result && (frame !== walk.start || reportStart)) yield result;
      }
      // Let the event loop breathe between frames: other requests and the abort signal.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** Prompted frames (and an already tracked start frame) are reported as they are; other frames are tracked. */
  private async visit(walk: Walk, frame: number, reverse: boolean, signal?: AbortSignal): Promise<TrackResult | null> {
    const { object, id } = walk;
    const stored = object.results.get(frame);
    if (object.prompts.has(frame) || (frame === walk.start && stored)) {
      if (!object.tracked.has(frame)) object.tracked.set(frame, reverse);
      return stored ? this.toResult(id, frame, stored) : null;
    }
    const outcome = await this.session.step(object.memory, frame, { reverse, initial: false, prompts: null, previous: null }, signal);
    object.memory.setNonCond(frame, outcome.entry);
    object.memory.dropFarSpatial(frame, [walk.start]);
    object.tracked.set(frame, reverse);
    return this.store(id, object, frame, outcome, 'propagated');
  }

  private store(id: ObjectId, object: TrackedObject, frame: number, outcome: FrameOutcome, source: TrackResult['source']): TrackResult {
    const stored: StoredResult = { mask: packMask(outcome.mask), score: outcome.score, present: outcome.present, objectScore: outcome.objectScore, source };
    object.results.set(frame, stored);
    return { objectId: id, frame, mask: outcome.mask, score: stored.score, present: stored.present, objectScore: stored.objectScore, source };
  }

  private toResult(objectId: ObjectId, frame: number, stored: StoredResult): TrackResult {
    const { score, present, objectScore, source } = stored;
    return { objectId, frame, mask: unpackMask(stored.mask), score, present, objectScore, source };
  }

  private object(objectId: ObjectId): TrackedObject {
    let object = this.objects.get(objectId);
    if (!object) {
      object = { memory: new ObjectMemory(), prompts: new Map(), results: new Map(), tracked: new Map() };
      this.objects.set(objectId, object);
    }
    return object;
  }

  private checkFrame(frame: number): void {
    if (!Number.isInteger(frame) || frame < 0 || frame >= this.source.frameCount) {
      throw new RangeError(`Frame ${frame} is out of range (0..${this.source.frameCount - 1})`);
    }
  }
}
