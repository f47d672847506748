/**
 * A tracker without model weights, the fallback until a learnt one is installed: GrabCut-like
 * segmentation on prompted frames, propagation by motion-compensated shape and local colour
 * classifiers (see track-step.ts), all at a low working resolution.
 */
import { abortError } from '../../../../shared/common/abort';
import { clampRange, clampToRange, wholeClip, type FrameRange } from '../../../../shared/common/frame-range';
import type { FrameSource, PropagateRequest, TrackResult, TrackSnapshot, Tracker } from '../../../../shared/engine';
import type { ObjectId, Prompt } from '../../../../shared/prompts';
import { frameContinuity } from '../../mask-continuity';
import { keepsMaskWhenCleared, pickFrames, replaceFrames } from '../frame-maps';
import { frameFeatures, type FrameFeatures } from './frame-features';
import { segmentFromPrompts, type SegmentOptions } from './segment-prompts';
import { startTrack, trackStep, type StepOptions, type TrackState } from './track-step';

export interface ClassicTrackerOptions {
  /** Long side of the working resolution, pixels; masks come out at this size. */
  workingSize?: number;
}

interface TrackedObject {
  prompts: Map<number, Prompt[]>;
  results: Map<number, TrackResult>;
}

/** The classic tracker's state of one object on a span of frames; results are never changed in place, so holding them is a copy. */
class ClassicSnapshot implements TrackSnapshot {
  constructor(
    readonly objectId: ObjectId,
    readonly range: FrameRange,
    readonly prompts: Map<number, Prompt[]>,
    readonly results: Map<number, TrackResult>,
  ) {}
}

/** Frames whose features are kept: propagating both ways revisits the start, prompting revisits one frame. */
const FEATURE_CACHE = 4;

export class ClassicTracker implements Tracker {
  static readonly displayName = 'Classic tracker (colour and motion, no model)';
  /** What it can and cannot do, for whoever chooses whether to download a model. */
  static readonly limits =
    'The classic tracker needs no download and follows a subject that stands apart from its background by colour and motion; it can lose one that crosses similar colours, is hidden for a while or moves fast, which SAM 2.1 is made for.';
  readonly name = ClassicTracker.displayName;
  private readonly width: number;
  private readonly height: number;
  private readonly segmentOptions: SegmentOptions;
  private readonly stepOptions: StepOptions;
  private readonly objects = new Map<ObjectId, TrackedObject>();
  private readonly features = new Map<number, FrameFeatures>();

  constructor(
    private readonly source: FrameSource,
    options: ClassicTrackerOptions = {},
  ) {
    const longSide = Math.max(source.width, source.height);
    const working = Math.min(longSide, options.workingSize ?? 320);
    const scale = working / longSide;
    this.width = Math.max(1, Math.round(source.width * scale));
    this.height = Math.max(1, Math.round(source.height * scale));
    // Sizes below are fractions of the working long side, so that they mean the same at any working size.
    this.segmentOptions = { scale: this.width / source.width, rounds: 8, clickRegion: 0.06 };
    this.stepOptions = {
      maxShift: Math.ceil(0.075 * working),
      local: { radius: Math.ceil(0.05 * working), confidenceCut: 0.85, minShapeSigma: Math.max(1, working / 160) },
      adaptation: 0.1,
      lostArea: 0.2,
      minColourSupport: 0.3,
    };
  }

  async setPrompts(objectId: ObjectId, frame: number, prompts: Prompt[], signal?: AbortSignal): Promise<TrackResult | null> {
    this.checkFrame(frame);
    const object = this.object(objectId);
    if (prompts.length === 0) {
      object.prompts.delete(frame);
      const result = object.results.get(frame);
      if (result?.source !== 'prompt') return null;
      if (keepsMaskWhenCleared(object.results, frame)) object.results.set(frame, { ...result, source: 'propagated' });
      else object.results.delete(frame);
      return null;
    }
    const features = await this.featuresOf(frame, signal);
    // Prompts on a propagated frame correct its mask; on a prompted frame they replace the earlier prompts.
    const earlier = object.results.get(frame);
    const previous = earlier?.source === 'propagated' && earlier.present ? earlier.mask.data : null;
    const mask = segmentFromPrompts(features, prompts, this.segmentOptions, previous);
    const present = mask.some((v) => v >= 128);
    const result: TrackResult = {
      objectId,
      frame,
      mask: { width: this.width, height: this.height, data: present ? mask : new Uint8Array(mask.length) },
      score: present ? 1 : 0,
      present,
      source: 'prompt',
    };
    object.prompts.set(frame, prompts);
    object.results.set(frame, result);
    return result;
  }

  async *propagate(request: PropagateRequest, signal?: AbortSignal): AsyncGenerator<TrackResult> {
    const { frameCount } = this.source;
    const range = clampRange(request.range ?? wholeClip(frameCount), frameCount);
    const ids = (request.objectIds ?? [...this.objects.keys()]).filter((id) => (this.objects.get(id)?.prompts.size ?? 0) > 0);
    const starts = new Map<ObjectId, number>();
    for (const id of ids) {
      const start = request.startFrame ?? Math.min(...this.objects.get(id)!.prompts.keys());
      starts.set(id, clampToRange(start, range));
    }
    if (starts.size === 0) return;
    const startValues = [...starts.values()];
    if (request.direction !== 'backward') {
      yield* this.pass(starts, Math.min(...startValues), range.end, 1, true, signal);
    }
    if (request.direction !== 'forward') {
      // After a forward pass the start frames were already reported.
      yield* this.pass(starts, Math.max(...startValues), range.start, -1, request.direction === 'backward', signal);
    }
  }

  /** One direction: each object begins at its start frame and re-anchors on every prompted frame it passes. */
  private async *pass(starts: Map<ObjectId, number>, from: number, to: number, step: 1 | -1, reportStart: boolean, signal?: AbortSignal): AsyncGenerator<TrackResult> {
    const states = new Map<ObjectId, TrackState | null>();
    for (let frame = from; step > 0 ? frame <= to : frame >= to; frame += step) {
      if (signal?.aborted) throw abortError();
      const features = await this.featuresOf(frame, signal);
      for (const [id, start] of starts) {
        const object = this.objects.get(id);
        if (!object) continue;
        const begun = step > 0 ? frame > start : frame < start;
        const anchor = object.results.get(frame);
        if (anchor && (anchor.source === 'prompt' || frame === start)) {
          // A prompted frame (or the start) sets the state; an absent object stays absent until the next one.
          states.set(id, anchor.present ? startTrack(features, anchor.mask.data, this.stepOptions) : null);
          if (begun || reportStart) yield anchor;
        } else if (begun && states.has(id)) {
          const state = states.get(id);
          const result = this.step(id, frame, state ?? null, features, object.results.get(frame - step));
          object.results.set(frame, result);
          yield result;
        }
      }
      // Let the event loop breathe between frames: other requests and the abort signal.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** `previous`: the result of the frame the tracker came from. */
  private step(objectId: ObjectId, frame: number, state: TrackState | null, features: FrameFeatures, previous: TrackResult | undefined): TrackResult {
    const empty = { width: this.width, height: this.height, data: new Uint8Array(this.width * this.height) };
    if (!state) return { objectId, frame, mask: empty, score: 0, present: false, source: 'propagated' };
    const { mask: data, score, present } = trackStep(state, features, this.stepOptions);
    const mask = { width: this.width, height: this.height, data };
    const continuity = previous?.present && present ? frameContinuity(previous.frame, previous.mask, mask) : undefined;
    return { objectId, frame, mask, score, present, source: 'propagated', continuity };
  }

  getResult(objectId: ObjectId, frame: number): TrackResult | undefined {
    return this.objects.get(objectId)?.results.get(frame);
  }

  clearObject(objectId: ObjectId): void {
    this.objects.delete(objectId);
  }

  saveFrames(objectId: ObjectId, range: FrameRange): TrackSnapshot {
    const object = this.objects.get(objectId);
    return new ClassicSnapshot(objectId, range, pickFrames(object?.prompts, range), pickFrames(object?.results, range));
  }

  restoreFrames(snapshot: TrackSnapshot): void {
    if (!(snapshot instanceof ClassicSnapshot)) throw new Error('The classic tracker can only restore frames it saved itself.');
    const { objectId, range } = snapshot;
    const object = this.object(objectId);
    replaceFrames(object.prompts, snapshot.prompts, range);
    replaceFrames(object.results, snapshot.results, range);
  }

  reset(): void {
    this.objects.clear();
    this.features.clear();
  }

  private object(objectId: ObjectId): TrackedObject {
    let object = this.objects.get(objectId);
    if (!object) {
      object = { prompts: new Map(), results: new Map() };
      this.objects.set(objectId, object);
    }
    return object;
  }

  private checkFrame(frame: number): void {
    if (!Number.isInteger(frame) || frame < 0 || frame >= this.source.frameCount) {
      throw new RangeError(`Frame ${frame} is out of range (0..${this.source.frameCount - 1})`);
    }
  }

  private async featuresOf(frame: number, signal?: AbortSignal): Promise<FrameFeatures> {
    const cached = this.features.get(frame);
    if (cached) return cached;
    const features = frameFeatures(await this.source.getFrame(frame, signal), this.width, this.height);
    this.features.set(frame, features);
    if (this.features.size > FEATURE_CACHE) this.features.delete(this.features.keys().next().value!);
    return features;
  }
}
