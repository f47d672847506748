/**
 * One object's memory bank (spec §4): conditioning entries (prompted frames, kept whole) and
 * non-conditioning entries (tracked frames). Spatial memories of tracked frames are dropped once no
 * frame being tracked can reach them; object pointers (C floats a frame) are kept so a later correction
 * sees the same pointers SAM2 would.
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

  /** Frames whose spatial memory can be attended. */
  spatialIndex(): MemoryIndex {
    return { condFrames: [...this.cond.keys()], hasNonCond: (t) => this.hasSpatial(this.nonCond.get(t)) };
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

  private hasSpatial(entry: MemoryEntry | undefined): boolean {
    return !!entry && (entry.features !== null || entry.pending !== null);
  }
}
