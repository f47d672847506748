/**
 * Per-frame confidence of a tracked object, for the drift strip: which frames most likely need a
 * corrective click.
 *
 * The rule. Each frame gets a doubt 0..1, the largest of these signs, each ramping linearly from 0
 * (fine) to 1 (surely wrong) between the bounds below:
 * - lost: the object is absent on a propagated frame (1);
 * - score: the tracker's own confidence (predicted IoU) falls from 0.75 to 0.25;
 * - objectScore: 1 - sigmoid(logit), the tracker's doubt that the object is there at all;
 * - area jump: the mask grows or shrinks between neighbouring frames by a factor from 1.2 to 1.8;
 * - position jump: the centroid moves between neighbouring frames by 0.2 to 0.45 of the object's
 *   size (the side of a square of its area, so it means the same for small and large objects) more
 *   than either standing still or keeping the velocity of the frame before would have: a track that
 *   jumps onto another object, however alike, breaks its motion, while a fast but smooth one does not
 *   (next to a keyframe, with no motion yet, a plain move of 0.3 to 0.9 sizes);
 * - shape: the mask is not the previous one moved (motion-compensated IoU from 0.8 to 0.5, measured
 *   when the frame was tracked): something beside the object leaked in, or the track jumped to another;
 * - detached: a piece of the mask lies apart from the object's body (its share of the mask times its
 *   distance from the body in object sizes, summed over the pieces, from 0.008 to 0.016, measured
 *   when the frame was tracked): a leak left behind on something else as the object moves on;
 * - presence drop: the presence logit falls below its running level (the mean over the frames the
 *   tracker saw just before) by 3 to 9: an object that was surely there became doubtful, even when
 *   the logit is still positive;
 * - pointer: SAM 2.1's object pointer (its identity token) turns away from the previous frame's, its
 *   cosine similarity falling below its running level by 0.1 to 0.4.
 * A jump between two neighbouring frames counts against the one farther from a keyframe: the one the
 * tracker reached later, whose mask was derived from the other's; a keyframe itself is never blamed.
 * A frame is drifted when its doubt reaches 0.5: a score of 0.5, a presence logit of 0, an area
 * factor of 1.5, an unexplained move of a third of the object's size, an IoU of 0.65 after motion, a
 * piece of 6 % of the mask a fifth of the object's size away from its body, a presence drop of 6, a
 * pointer similarity drop of 0.25. The reason is the sign that gave the doubt.
 */
import type { DriftReason, FrameStat } from '../../shared/engine-info';
import type { MaskCoverage, TrackResult } from '../../shared/engine';
import type { GrayImage } from '../../shared/media';

export const DRIFT_THRESHOLD = 0.5;

/** A linear ramp between two bounds: 0 at `fine`, 1 at `wrong`, clamped (either order). */
export interface Ramp {
  fine: number;
  wrong: number;
}

export const SCORE_RAMP: Ramp = { fine: 0.75, wrong: 0.25 };
/** log2 of the area factor between neighbouring frames. */
export const AREA_JUMP_RAMP: Ramp = { fine: Math.log2(1.2), wrong: Math.log2(1.8) };
/** Centroid move between neighbouring frames that the motion so far does not explain, in object sizes. */
export const POSITION_JUMP_RAMP: Ramp = { fine: 0.2, wrong: 0.45 };
/** Centroid move where there is no motion so far to compare with (next to a keyframe), in object sizes. */
export const FIRST_MOVE_RAMP: Ramp = { fine: 0.3, wrong: 0.9 };
/** Motion-compensated IoU with the frame the tracker came from (mask-continuity.ts). */
export const SHAPE_RAMP: Ramp = { fine: 0.8, wrong: 0.5 };
/**
 * Weight of the mask's pieces apart from its body (mask-continuity.ts). On the bedroom clip the girl's
 * own limbs, when they show apart, weigh up to 0.006; the leak left on the curtain 0.014 to 0.033.
 */
export const DETACHED_RAMP: Ramp = { fine: 0.008, wrong: 0.016 };
/** Fall of the presence logit below its running level. */
export const PRESENCE_DROP_RAMP: Ramp = { fine: 3, wrong: 9 };
/** Fall of the object pointer's similarity to the previous frame's below its running level. */
export const POINTER_DROP_RAMP: Ramp = { fine: 0.1, wrong: 0.4 };
/** Tracked frames a running level is taken over. */
export const RUNNING_FRAMES = 5;

export function ramp(value: number, { fine, wrong }: Ramp): number {
  return Math.min(1, Math.max(0, (value - fine) / (wrong - fine)));
}

// Masks are never changed once a result holds them, so each is measured once however often the strip asks.
const measured = new WeakMap<GrayImage, MaskCoverage>();

export function measureMask(mask: GrayImage): MaskCoverage {
  const known = measured.get(mask);
  if (known) return known;
  const { width, height, data } = mask;
  let pixels = 0;
  let sx = 0;
  let sy = 0;
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (data[i] < 128) continue;
      pixels++;
      sx += x + 0.5;
      sy += y + 0.5;
    }
  }
  const result = pixels > 0 ? { width, height, pixels, x: sx / pixels, y: sy / pixels } : { width, height, pixels: 0, x: 0, y: 0 };
  measured.set(mask, result);
  return result;
}

/** A sign of drift on a frame: which signal, and how much doubt it gives. */
export interface Sign {
  reason: DriftReason;
  doubt: number;
}

const NO_SIGN: Sign = { reason: 'score', doubt: 0 };

const strongest = (signs: readonly Sign[]): Sign => signs.reduce((a, b) => (b.doubt > a.doubt ? b : a), NO_SIGN);

/**
 * How far the mask jumped from frame `a` to the next frame `b`, in the tracker's order; `before` is the
 * frame before `a`, when there is one, for the motion so far. No doubt when either side has no object.
 */
export function jumpSign(before: MaskCoverage | undefined, a: MaskCoverage, b: MaskCoverage): Sign {
  if (a.pixels === 0 || b.pixels === 0) return NO_SIGN;
  const areaFactor = Math.abs(Math.log2(b.pixels / a.pixels));
  const size = Math.sqrt((a.pixels + b.pixels) / 2);
  const move = Math.hypot(b.x - a.x, b.y - a.y) / size;
  // A move is explained by the object standing still or by it keeping its velocity: the smaller miss counts.
  const position =
    before && before.pixels > 0 ? ramp(Math.min(move, Math.hypot(b.x - (2 * a.x - before.x), b.y - (2 * a.y - before.y)) / size), POSITION_JUMP_RAMP) : ramp(move, FIRST_MOVE_RAMP);
  return strongest([
    { reason: 'area', doubt: ramp(areaFactor, AREA_JUMP_RAMP) },
    { reason: 'position', doubt: position },
  ]);
}

/** Signs a frame carries on its own, whatever its neighbours. */
function ownSign(result: TrackResult): Sign {
  if (!result.present) return { reason: 'lost', doubt: result.source === 'propagated' ? 1 : 0 };
  const presence = result.objectScore === undefined ? 0 : 1 / (1 + Math.exp(result.objectScore));
  return strongest([
    { reason: 'score', doubt: ramp(result.score, SCORE_RAMP) },
    { reason: 'presence', doubt: presence },
    { reason: 'shape', doubt: result.continuity ? ramp(result.continuity.shapeIoU, SHAPE_RAMP) : 0 },
    { reason: 'detached', doubt: result.continuity ? ramp(result.continuity.detached, DETACHED_RAMP) : 0 },
  ]);
}

/** Distance of each frame to the nearest keyframe (prompted frame) among the results; Infinity without one. */
function keyframeDistances(frames: readonly number[], keyframes: readonly number[]): number[] {
  return frames.map((f) => keyframes.reduce((best, k) => Math.min(best, Math.abs(f - k)), Infinity));
}

/**
 * For each frame, the index of the neighbouring frame the tracker reached it from, or -1: the one
 * nearer a keyframe, on a tie the lower (the jump rule's blame, seen from the blamed frame).
 */
export function upstreamOf(frames: readonly number[], distances: readonly number[]): number[] {
  return frames.map((f, i) => {
    if (i > 0 && frames[i - 1] === f - 1 && distances[i - 1] <= distances[i]) return i - 1;
    if (i + 1 < frames.length && frames[i + 1] === f + 1 && distances[i + 1] < distances[i]) return i + 1;
    return -1;
  });
}

/**
 * How far a value fell below its running level: the mean of the up to RUNNING_FRAMES values the tracker
 * saw just before (following `upstream`), skipping missing ones; 0 without any.
 */
export function dropBelowRunningLevel(values: readonly (number | undefined)[], upstream: readonly number[], i: number): number {
  const value = values[i];
  if (value === undefined) return 0;
  let sum = 0;
  let count = 0;
  for (let j = upstream[i], steps = 0; j >= 0 && steps < RUNNING_FRAMES; j = upstream[j], steps++) {
    const v = values[j];
    if (v === undefined) continue;
    sum += v;
    count++;
  }
  return count > 0 ? sum / count - value : 0;
}

/** The drift strip's statistics of one object's results, in frame order. */
export function trackStats(results: readonly TrackResult[]): FrameStat[] {
  const sorted = [...results].sort((a, b) => a.frame - b.frame);
  const measures = sorted.map((r) => r.coverage ?? measureMask(r.mask));
  const signs = sorted.map(ownSign);
  const frames = sorted.map((r) => r.frame);
  const distances = keyframeDistances(
    frames,
    sorted.filter((r) => r.source === 'prompt').map((r) => r.frame),
  );
  const upstream = upstreamOf(frames, distances);
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].frame !== sorted[i - 1].frame + 1) continue;
    const [blamed, other] = distances[i - 1] > distances[i] ? [i - 1, i] : [i, i - 1];
    // What a keyframe shows is the editor's word, not the tracker's.
    if (sorted[blamed].source === 'prompt') continue;
    const before = upstream[other] >= 0 ? measures[upstream[other]] : undefined;
    signs[blamed] = strongest([signs[blamed], jumpSign(before, measures[other], measures[blamed])]);
  }
  // A keyframe's presence is the editor's word too, so it sets no level; only tracked frames do.
  const objectScores = sorted.map((r) => (r.present && r.source === 'propagated' ? r.objectScore : undefined));
  const pointers = sorted.map((r) => r.continuity?.pointerSimilarity);
  sorted.forEach((r, i) => {
    if (r.source === 'prompt' || !r.present) return;
    signs[i] = strongest([
      signs[i],
      { reason: 'presence-drop', doubt: ramp(dropBelowRunningLevel(objectScores, upstream, i), PRESENCE_DROP_RAMP) },
      { reason: 'pointer', doubt: ramp(dropBelowRunningLevel(pointers, upstream, i), POINTER_DROP_RAMP) },
    ]);
  });
  return sorted.map((r, i) => {
    const { pixels, x, y } = measures[i];
    const { width, height } = measures[i];
    const { doubt, reason } = signs[i];
    return {
      frame: r.frame,
      present: r.present,
      source: r.source,
      score: r.score,
      objectScore: r.objectScore ?? null,
      area: pixels / (width * height),
      cx: x / width,
      cy: y / height,
      doubt,
      drifted: doubt >= DRIFT_THRESHOLD,
      reason: doubt > 0 ? reason : null,
    };
  });
}
