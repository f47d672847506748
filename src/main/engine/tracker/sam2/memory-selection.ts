/**
 * Which stored memories a frame attends to (SAM2 `_prepare_memory_conditioned_features` in sam2_base.py,
 * memory_temporal_stride_for_eval 1, max_cond_frames_in_attn −1, only_obj_ptrs_in_the_past_for_eval).
 * As in SAM2, a frame re-prompted after tracking attends to its own earlier conditioning output too.
 */
import { NUM_MASKMEM } from './constants';

/** SAM2's max_obj_ptrs_in_encoder. */
export const MAX_OBJ_PTRS = 16;

export interface MemoryIndex {
  /** Conditioning (prompted) frames of the object. */
  condFrames: readonly number[];
  /** Whether a non-conditioning (tracked) frame still holds this kind of memory. */
  hasNonCond(frame: number): boolean;
}

export interface SpatialPick {
  frame: number;
  cond: boolean;
  /** Row of maskmem_tpos_enc added to this memory's positions. */
  tposIndex: number;
}

/** All conditioning frames (row NUM_MASKMEM − 1), then the six frames before `frame` in the tracking direction, oldest first. */
export function selectSpatialMemories(frame: number, index: MemoryIndex, reverse: boolean, numMaskmem = NUM_MASKMEM): SpatialPick[] {
  const picks: SpatialPick[] = [...index.condFrames].sort((a, b) => a - b).map((t) => ({ frame: t, cond: true, tposIndex: numMaskmem - 1 }));
  for (let tPos = 1; tPos < numMaskmem; tPos++) {
    const distance = numMaskmem - tPos;
    const t = reverse ? frame + distance : frame - distance;
    if (index.hasNonCond(t)) picks.push({ frame: t, cond: false, tposIndex: numMaskmem - tPos - 1 });
  }
  return picks;
}

export interface PointerPick {
  frame: number;
  /** Signed temporal distance fed to the pointer position encoding. */
  position: number;
}

export interface PointerSelection {
  picks: PointerPick[];
  /** Positions are divided by this before the sine encoding (max pointers − 1). */
  tDiffMax: number;
}

/**
 * Conditioning frames in the past of the tracking direction (position = distance), then the tracked
 * frames 1 .. maxPtrs − 1 steps back, stopping at the clip's ends, max pointers = min(frames, 16).
 */
export function selectPointers(frame: number, index: MemoryIndex, reverse: boolean, frameCount: number, maxPtrs = MAX_OBJ_PTRS): PointerSelection {
  const limit = Math.min(frameCount, maxPtrs);
  const picks: PointerPick[] = [...index.condFrames]
    .filter((t) => (reverse ? t >= frame : t <= frame))
    .sort((a, b) => a - b)
    .map((t) => ({ frame: t, position: reverse ? t - frame : frame - t }));
  for (let distance = 1; distance < limit; distance++) {
    const t = reverse ? frame + distance : frame - distance;
    if (t < 0 || t >= frameCount) break;
    if (index.hasNonCond(t)) picks.push({ frame: t, position: distance });
  }
  // A one-frame clip would divide by zero (SAM2 itself would produce NaN there).
  return { picks, tDiffMax: Math.max(1, limit - 1) };
}

/** How far (in frames) a spatial memory can still be picked, so farther ones can be dropped. */
export const SPATIAL_REACH = NUM_MASKMEM - 1;
