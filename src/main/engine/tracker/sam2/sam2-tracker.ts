/**
 * The SAM 2.1 video tracker behind the Tracker contract (SAM2's video predictor, one memory bank per
 * object): prompts on an untracked frame make a conditioning frame, propagation tracks frame by frame
 * (all objects per frame, so each frame's features are computed once), and a correction re-runs
 * exactly the frames it influences (docs/architecture.md: corrections).
 */
import type { FrameContinuity, FrameSource, MaskCoverage, PropagateRequest, TrackResult, TrackSnapshot, Tracker } from '../../../../shared/engine';
import type { GrayImage } from '../../../../shared/media';
import type { ObjectId, Prompt } from '../../../../shared/prompts';
import { abortError } from '../../../../shared/common/abort';
import { clampRange, clampToRange, intersectRanges, rangeContains, wholeClip, type FrameRange } from '../../../../shared/common/frame-range';
import { LruCache } from '../../../../shared/common/lru-cache';
import { measureMask } from '../../drift';
import { frameContinuity } from '../../mask-continuity';
import { keepsMaskWhenCleared, pickFrames, replaceFrames } from '../frame-maps';
import { influencedRange } from '../influenced-range';
import { maskToLogits, type FloatMap } from './logit-maps';
import { packMask, unpackMask, type PackedMask } from './mask-store';
import type { InteractiveFirst } from '../../../inference/interactive-first';
import { ObjectMemory, type MemoryEntry, type PendingMemory } from './object-memory';
import type { FrameFeatures } from './image-features';
import type { DecodeDetail, FrameOutcome, Sam2VideoSession } from './sam2-video-session';

export interface Sam2TrackingRules {
  /**
   * A prompt on a tracked frame makes it a conditioning frame (SAM2's add_all_frames_to_correct_as_cond):
   * the app's keyframes. Off, it is SAM2's default: the corrected output is stored as a tracked frame's,
   * which later frames attend to and earlier ones never see.
   */
  correctionsAsKeyframes: boolean;
  /** Bound of the low-res logits kept per object and frame for later corrections' mask prompts. */
  logitCacheMB: number;
}

export const DEFAULT_TRACKING_RULES: Sam2TrackingRules = { correctionsAsKeyframes: true, logitCacheMB: 256 };

interface StoredResult {
  mask: PackedMask;
  coverage: MaskCoverage;
  score: number;
  present: boolean;
  objectScore: number;
  source: TrackResult['source'];
  detail: DecodeDetail;
  continuity?: FrameContinuity;
}

interface TrackedObject {
  memory: ObjectMemory;
  prompts: Map<number, Prompt[]>;
  results: Map<number, StoredResult>;
  /** Frames reached by propagation, with whether tracking ran in reverse there (SAM2 frames_tracked_per_obj). */
  tracked: Map<number, boolean>;
}

/**
 * One object's state on a span of frames, as maps of references: tracking replaces entries rather than
 * changing them (a memory entry's features are only dropped or encoded from that same frame's result).
 */
class Sam2Snapshot implements TrackSnapshot {
  constructor(
    readonly objectId: ObjectId,
    readonly range: FrameRange,
    readonly prompts: Map<number, Prompt[]>,
    readonly results: Map<number, StoredResult>,
    readonly tracked: Map<number, boolean>,
    readonly cond: Map<number, MemoryEntry>,
    readonly nonCond: Map<number, MemoryEntry>,
    readonly logits: Map<number, FloatMap>,
  ) {}
}

interface Walk {
  id: ObjectId;
  object: TrackedObject;
  start: number;
  span: FrameRange;
}

export class Sam2Tracker implements Tracker {
  private readonly objects = new Map<ObjectId, TrackedObject>();
  /** SAM2's pred_masks of each object's frames, by object and frame; a 256² frame is 256 KB. */
  private readonly logits: LruCache<string, FloatMap>;
  /** Each object's last stored mask, unpacked: what the next tracked frame's continuity is measured against. */
  private readonly lastMasks = new Map<ObjectId, { frame: number; mask: GrayImage }>();

  constructor(
    readonly name: string,
    private readonly session: Sam2VideoSession,
    private readonly source: FrameSource,
    private readonly runner: InteractiveFirst,
    private readonly rules: Sam2TrackingRules = DEFAULT_TRACKING_RULES,
  ) {
    this.logits = new LruCache(rules.logitCacheMB * 1024 * 1024, (map) => map.data.byteLength);
  }

  async setPrompts(objectId: ObjectId, frame: number, prompts: Prompt[], signal?: AbortSignal): Promise<TrackResult | null> {
    this.checkFrame(frame);
    const object = this.object(objectId);
    if (prompts.length === 0) {
      object.prompts.delete(frame);
      object.memory.removeEntry(frame);
      const stored = object.results.get(frame);
      if (stored?.source !== 'prompt') return null;
      if (keepsMaskWhenCleared(object.results, frame)) object.results.set(frame, { ...stored, source: 'propagated' });
      else this.forget(objectId, object, frame);
      return null;
    }
    // A frame propagation already reached is a correction: it attends to memory, and its earlier logits
    // are the mask prompt (SAM2's prev_sam_mask_logits). On an untracked frame the prompts alone decide,
    // so rebuilding a project from its prompts gives the same masks.
    const initial = !object.tracked.has(frame);
    // The editor waits on this; a running propagation's next modules wait for it instead.
    const outcome = await this.runner.interactive(() =>
      this.session.step(
        object.memory,
        frame,
        { reverse: object.tracked.get(frame) ?? false, initial, prompts, previous: initial ? null : (this.storedLogits(objectId, object, frame)?.data ?? null) },
        signal,
      ),
    );
    if (initial || this.rules.correctionsAsKeyframes) object.memory.setCond(frame, outcome.entry);
    else object.memory.setNonCond(frame, outcome.entry);
    object.prompts.set(frame, prompts);
    return this.store(objectId, object, frame, outcome, 'prompt');
  }

  /** The frame's low-res logits as SAM2 kept them; undefined once evicted from the bounded cache. */
  lowResLogits(objectId: ObjectId, frame: number): FloatMap | undefined {
    return this.logits.get(logitKey(objectId, frame));
  }

  /**
   * The image encoder's outputs for a frame (computed once per frame and cached, as for tracking), for
   * heads that work on the tracker's own features (the paper's bridge and matting head).
   */
  hasImageFeatures(frame: number): boolean {
    return this.session.hasFeatures(frame);
  }

  imageFeatures(frame: number, signal?: AbortSignal): Promise<FrameFeatures> {
    this.checkFrame(frame);
    return this.session.features(frame, signal);
  }

  /** The tracker's image encoder on another image at its input size (the paper head's detail tiles). */
  encodeImage(input: Float32Array, signal?: AbortSignal): Promise<FrameFeatures> {
    return this.session.encode(input, signal);
  }

  /** Which decoder tokens made the frame's mask and pointer, and its object score. */
  decodeDetail(objectId: ObjectId, frame: number): DecodeDetail | undefined {
    return this.objects.get(objectId)?.results.get(frame)?.detail;
  }

  async *propagate(request: PropagateRequest, signal?: AbortSignal): AsyncGenerator<TrackResult> {
    const { frameCount } = this.source;
    const range = clampRange(request.range ?? wholeClip(frameCount), frameCount);
    const walks: Walk[] = [];
    for (const id of request.objectIds ?? [...this.objects.keys()]) {
      const object = this.objects.get(id);
      if (!object || object.prompts.size === 0) continue;
      // SAM2 starts from the first conditioning frame.
      const anchors = object.memory.cond.size > 0 ? object.memory.cond.keys() : object.prompts.keys();
      const start = clampToRange(request.startFrame ?? Math.min(...anchors), range);
      const reach = request.correction
        ? influencedRange(
            start,
            (f) => object.prompts.has(f),
            (f) => object.results.has(f),
            frameCount,
          )
        : range;
      const span = intersectRanges(reach, range);
      if (span) walks.push({ id, object, start, span });
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
    const object = this.objects.get(objectId);
    if (object) for (const frame of object.results.keys()) this.logits.delete(logitKey(objectId, frame));
    this.objects.delete(objectId);
    this.lastMasks.delete(objectId);
  }

  saveFrames(objectId: ObjectId, range: FrameRange): TrackSnapshot {
    const object = this.objects.get(objectId);
    const logits = new Map<number, FloatMap>();
    for (const frame of object?.results.keys() ?? []) {
      const kept = rangeContains(range, frame) ? this.logits.get(logitKey(objectId, frame)) : undefined;
      if (kept) logits.set(frame, kept);
    }
    return new Sam2Snapshot(
      objectId,
      range,
      pickFrames(object?.prompts, range),
      pickFrames(object?.results, range),
      pickFrames(object?.tracked, range),
      pickFrames(object?.memory.cond, range),
      pickFrames(object?.memory.nonCond, range),
      logits,
    );
  }

  restoreFrames(snapshot: TrackSnapshot): void {
    if (!(snapshot instanceof Sam2Snapshot)) throw new Error('The SAM 2.1 tracker can only restore frames it saved itself.');
    const { objectId, range } = snapshot;
    const object = this.object(objectId);
    for (const frame of object.results.keys()) if (rangeContains(range, frame)) this.logits.delete(logitKey(objectId, frame));
    replaceFrames(object.prompts, snapshot.prompts, range);
    replaceFrames(object.results, snapshot.results, range);
    replaceFrames(object.tracked, snapshot.tracked, range);
    replaceFrames(object.memory.cond, snapshot.cond, range);
    replaceFrames(object.memory.nonCond, snapshot.nonCond, range);
    // Logits evicted meanwhile are recovered from the masks when needed (storedLogits).
    snapshot.logits.forEach((map, frame) => this.logits.set(logitKey(objectId, frame), map));
  }

  reset(): void {
    this.objects.clear();
    this.logits.clear();
    this.lastMasks.clear();
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
    return this.store(id, object, frame, outcome, 'propagated', this.continuity(id, object, reverse ? frame + 1 : frame - 1, outcome));
  }

  /** The frame's low-res logits: kept ones, else (evicted) recovered from the stored 8-bit mask. */
  private storedLogits(id: ObjectId, object: TrackedObject, frame: number): FloatMap | null {
    const kept = this.logits.get(logitKey(id, frame));
    if (kept) return kept;
    const stored = object.results.get(frame);
    const lowRes = this.session.lowResSize;
    return stored ? maskToLogits(unpackMask(stored.mask), lowRes, lowRes) : null;
  }

  /** What a tracked frame's dropped spatial memory is encoded again from (SAM2 keeps every memory). */
  private restoreMemory(id: ObjectId, frame: number): PendingMemory | null {
    const object = this.objects.get(id);
    const stored = object?.results.get(frame);
    const logits = object && stored ? this.storedLogits(id, object, frame) : null;
    return logits ? { logits, fromPrompts: object!.prompts.has(frame), present: stored!.present } : null;
  }

  private forget(id: ObjectId, object: TrackedObject, frame: number): void {
    object.results.delete(frame);
    this.logits.delete(logitKey(id, frame));
  }

  /** How a tracked frame follows from the frame `from` it was tracked from: its mask and its object pointer. */
  private continuity(id: ObjectId, object: TrackedObject, from: number, outcome: FrameOutcome): FrameContinuity | undefined {
    const previous = object.results.get(from);
    const pointer = object.memory.entry(from, false)?.pointer ?? object.memory.entry(from, true)?.pointer;
    if (!previous?.present || !outcome.present || !pointer) return undefined;
    const last = this.lastMasks.get(id);
    const mask = last?.frame === from ? last.mask : unpackMask(previous.mask);
    return frameContinuity(from, mask, outcome.mask, { previous: pointer, next: outcome.entry.pointer });
  }

  private store(id: ObjectId, object: TrackedObject, frame: number, outcome: FrameOutcome, source: TrackResult['source'], continuity?: FrameContinuity): TrackResult {
    const stored: StoredResult = {
      mask: packMask(outcome.mask),
      coverage: measureMask(outcome.mask),
      score: outcome.score,
      present: outcome.present,
      objectScore: outcome.objectScore,
      source,
      detail: outcome.detail,
      continuity,
    };
    object.results.set(frame, stored);
    this.logits.set(logitKey(id, frame), outcome.logits);
    this.lastMasks.set(id, { frame, mask: outcome.mask });
    return {
      objectId: id,
      frame,
      mask: outcome.mask,
      score: stored.score,
      present: stored.present,
      objectScore: stored.objectScore,
      source,
      coverage: stored.coverage,
      continuity,
    };
  }

  /**
   * The mask is unpacked when first read: the lanes, the drift strip and correction spans ask for every
   * frame's result, and unpacking each (milliseconds a frame) held the host's event loop for a second on
   * a tracked clip.
   */
  private toResult(objectId: ObjectId, frame: number, stored: StoredResult): TrackResult {
    const { score, present, objectScore, source, coverage, continuity } = stored;
    let mask: GrayImage | undefined;
    return {
      objectId,
      frame,
      get mask() {
        return (mask ??= unpackMask(stored.mask));
      },
      score,
      present,
      objectScore,
      source,
      coverage,
      continuity,
    };
  }

  private object(objectId: ObjectId): TrackedObject {
    let object = this.objects.get(objectId);
    if (!object) {
      object = { memory: new ObjectMemory((frame) => this.restoreMemory(objectId, frame)), prompts: new Map(), results: new Map(), tracked: new Map() };
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

function logitKey(objectId: ObjectId, frame: number): string {
  return `${objectId}\u0000${frame}`;
}
