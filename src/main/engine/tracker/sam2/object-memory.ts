/**
 * One object's memory bank (SAM2's output_dict: cond_frame_outputs and non_cond_frame_outputs): conditioning entries (prompted frames, kept whole) and
 * non-conditioning entries (tracked frames). Spatial memories of tracked frames (1 MB each at SAM 2.1
 * sizes) are dropped once no frame being tracked can reach them, and encoded again from the frame's
 * mask when a later correction attends to them, as SAM2, which keeps them all, would; object pointers
 * (C floats a frame) are kept.
 */
import type { FloatMap } from './logit-maps';
import { SPATIAL_REACH, type MemoryIndex } from './memory-selection';

export interface PendingMemory {
  /** The frame's final low-res logits, encoded when the memory is first needed. */
  logits: FloatMap;
  fromPrompts: boolean;
  present: boolean;
}

export interface MemoryEntry {
  /** maskmem_features as a sequence [grid², Cm]; null while pending or once dropped. */
  features: Float32Array | null;
  pending: PendingMemory | null;
  /** obj_ptr [C]. */
  pointer: Float32Array;
}

export class ObjectMemory {
  readonly cond = new Map<number, MemoryEntry>();
  readonly nonCond = new Map<number, MemoryEntry>();

  /** `restore` gives back what a dropped spatial memory was encoded from (null: it cannot be restored). */
  constructor(private readonly restore: (frame: number) => PendingMemory | null = () => null) {}

  /** A dropped spatial memory made pending again from its frame's mask, so it can be encoded when attended. */
  restorable(frame: number, entry: MemoryEntry): MemoryEntry {
    if (!entry.features && !entry.pending) entry.pending = this.restore(frame);
    return entry;
  }

  /** Frames whose spatial memory can be attended. */
  spatialIndex(): MemoryIndex {
    return { condFrames: [...this.cond.keys()], hasNonCond: (t) => this.hasSpatial(t, this.nonCond.get(t)) };
  }

  /** Frames whose pointer can be attended. */
  pointerIndex(): MemoryIndex {
    return { condFrames: [...this.cond.keys()], hasNonCond: (t) => this.nonCond.has(t) };
  }

  entry(frame: number, cond: boolean): MemoryEntry | undefined {
    return (cond ? this.cond : this.nonCond).get(frame);
  }

  /** A conditioning entry replaces any tracked entry of the same frame. */
  setCond(frame: number, entry: MemoryEntry): void {
    this.nonCond.delete(frame);
    this.cond.set(frame, entry);
  }

  setNonCond(frame: number, entry: MemoryEntry): void {
    this.nonCond.set(frame, entry);
  }

  /** Forgets the frame's entry, conditioning or tracked. */
  removeEntry(frame: number): void {
    this.cond.delete(frame);
    this.nonCond.delete(frame);
  }

  /** Drops spatial memories farther than SPATIAL_REACH from the current frame and from every anchor. */
  dropFarSpatial(current: number, anchors: readonly number[]): void {
    // This walks every tracked frame of the clip each frame, so without garbage per entry (points joined
    // once; forEach, not for-of, which made a [frame, entry] pair each): it grew with the clip.
    const points = [current, ...anchors];
    const near = (t: number) => points.some((a) => Math.abs(t - a) <= SPATIAL_REACH);
    this.nonCond.forEach((entry, t) => {
      if (entry.features && !near(t)) entry.features = null;
    });
  }

  private hasSpatial(frame: number, entry: MemoryEntry | undefined): boolean {
    return !!entry && (entry.features !== null || this.restorable(frame, entry).pending !== null);
  }
}
