/**
 * A clip's objects and what is derived from their prompts: the tracker's masks, and per object which tracked
 * frames are stale (see track-state.ts). Every change of prompts goes through here, so masks and stale frames follow.
 */
import type { FrameStat, ObjectSummary } from '../../../shared/api';
import type { TrackResult, TrackSnapshot, Tracker } from '../../../shared/engine';
import type { ObjectId, Prompt } from '../../../shared/prompts';
import { StudioError } from '../../../shared/errors';
import { trackStats } from '../../engine/drift';
import { ExclusiveMasks } from '../../engine/exclusive-masks';
import { pickFrames, replaceFrames } from '../../engine/tracker/frame-maps';
import type { FrameRange } from '../../../shared/common/frame-range';
import type { ProjectObject } from '../../project/project-model';
import { staleAfterPromptChange, type TrackDirection, type TrackFacts } from '../track-state';

/** An object's derived frames over a span (the tracker's state and which frames are stale), as an edit found or left them. */
export interface DerivedFrames {
  tracker: TrackSnapshot;
  stale: Map<number, TrackDirection>;
}

/** Sets or clears an object's prompts on a frame, without the tracker. */
export function storePrompts(object: ProjectObject, frame: number, prompts: Prompt[]): void {
  if (prompts.length) object.prompts.set(frame, prompts);
  else object.prompts.delete(frame);
}

export class ObjectTracks {
  /** The truth of a shot is each object's prompts per frame; masks can always be recomputed from them. */
  readonly objects = new Map<ObjectId, ProjectObject>();
  /** Per object, its tracked frames made from prompts that changed since, with the direction that re-tracks each. */
  private readonly stale = new Map<ObjectId, Map<number, TrackDirection>>();
  /** Counts changes to prompts and objects (edits, undos, redos): a job that sees it move cannot vouch for its frames. */
  revision = 0;
  /** Masks, mattes and exports all read the tracker through this: exclusive objects while `exclusive()` says so. */
  readonly tracker: Tracker;

  constructor(
    tracker: Tracker,
    readonly frameCount: number,
    exclusive: () => boolean,
  ) {
    this.tracker = new ExclusiveMasks(tracker, () => (exclusive() ? [...this.objects.keys()].sort((a, b) => a - b) : null));
  }

  get(objectId: ObjectId): ProjectObject {
    const object = this.objects.get(objectId);
    if (!object) throw new StudioError('not-found', `Object ${String(objectId)} does not exist in this clip.`);
    return object;
  }

  /** The given objects, each checked to exist; every object when none are given. */
  select(objectIds?: ObjectId[]): ObjectId[] {
    if (!objectIds) return [...this.objects.keys()];
    for (const id of objectIds) this.get(id);
    return objectIds;
  }

  /** By id, so an object brought back by undo returns to its place. */
  sorted(): ProjectObject[] {
    return [...this.objects.values()].sort((a, b) => a.objectId - b.objectId);
  }

  /** An object and its masks, re-derived from its prompts in frame order. */
  async add(object: ProjectObject): Promise<void> {
    for (const frame of [...object.prompts.keys()].sort((a, b) => a - b)) await this.tracker.setPrompts(object.objectId, frame, object.prompts.get(frame)!);
    this.objects.set(object.objectId, object);
  }

  /** An object with the derived frames it had, put back exactly. */
  restore(object: ProjectObject, saved: DerivedFrames): void {
    this.restoreFrames(object.objectId, saved);
    this.objects.set(object.objectId, object);
  }

  remove(objectId: ObjectId): void {
    this.tracker.clearObject(objectId);
    this.objects.delete(objectId);
    this.stale.delete(objectId);
  }

  /** New prompts through the tracker, then the frames they invalidate marked stale. */
  async setPrompts(object: ProjectObject, frame: number, prompts: Prompt[]): Promise<TrackResult | null> {
    const { tracker } = this;
    const { objectId } = object;
    const wasTracked = tracker.getResult(objectId, frame) !== undefined;
    const result = await tracker.setPrompts(objectId, frame, prompts);
    // Prompts are stored only once the tracker took them, so a failing engine leaves the last good state.
    storePrompts(object, frame, prompts);
    const stale = this.staleOf(objectId);
    stale.delete(frame);
    if (object.prompts.size === 0) {
      // No prompt is left to derive a mask from: the masks that were go with them.
      tracker.clearObject(objectId);
      stale.clear();
      return result;
    }
    staleAfterPromptChange(this.facts(object), frame, wasTracked).forEach((direction, f) => stale.set(f, direction));
    return result;
  }

  saveFrames(objectId: ObjectId, span: FrameRange): DerivedFrames {
    return { tracker: this.tracker.saveFrames(objectId, span), stale: pickFrames(this.stale.get(objectId), span) };
  }

  restoreFrames(objectId: ObjectId, saved: DerivedFrames): void {
    this.tracker.restoreFrames(saved.tracker);
    replaceFrames(this.staleOf(objectId), saved.stale, saved.tracker.range);
  }

  facts(object: ProjectObject): TrackFacts {
    const { tracker } = this;
    return {
      frameCount: this.frameCount,
      isKey: (f) => object.prompts.has(f),
      hasMask: (f) => tracker.getResult(object.objectId, f) !== undefined,
      stale: this.staleOf(object.objectId),
    };
  }

  /** A propagation tracked the frame from the prompts as they are. */
  markFresh(objectId: ObjectId, frame: number): void {
    this.stale.get(objectId)?.delete(frame);
  }

  markStale(objectId: ObjectId, frame: number, direction: TrackDirection): void {
    this.staleOf(objectId).set(frame, direction);
  }

  summary(object: ProjectObject): ObjectSummary {
    const trackedFrames: number[] = [];
    for (let f = 0; f < this.frameCount; f++) if (this.tracker.getResult(object.objectId, f)) trackedFrames.push(f);
    return {
      objectId: object.objectId,
      name: object.name,
      color: object.color,
      hidden: object.hidden,
      locked: object.locked,
      overlay: object.overlay,
      opacity: object.opacity,
      promptFrames: [...object.prompts.keys()].sort((a, b) => a - b),
      trackedFrames,
      staleFrames: [...(this.stale.get(object.objectId)?.keys() ?? [])].sort((a, b) => a - b),
      matte: { ...object.matte },
    };
  }

  /** The drift strip's statistics of an object's tracked frames. */
  stats(objectId: ObjectId): FrameStat[] {
    this.get(objectId);
    const results: TrackResult[] = [];
    for (let f = 0; f < this.frameCount; f++) {
      const result = this.tracker.getResult(objectId, f);
      if (result) results.push(result);
    }
    return trackStats(results);
  }

  private staleOf(objectId: ObjectId): Map<number, TrackDirection> {
    let stale = this.stale.get(objectId);
    if (!stale) this.stale.set(objectId, (stale = new Map()));
    return stale;
  }
}
