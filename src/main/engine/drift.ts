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
 * - position jump: the centroid moves between neighbouring frames by 0.3 to 0.9 of the object's
 *   size (the side of a square of its area), so it means the same for small and large objects.
 * A jump between two neighbouring frames counts against the one farther from a keyframe: the one the
 * tracker reached later, whose mask was derived from the other's; a keyframe itself is never blamed.
 * A frame is drifted when its doubt reaches 0.5: a score of 0.5, a presence logit of 0, an area
 * factor of 1.5, a move of 0.6 sizes.
 */
import type { FrameStat } from '../../shared/engine-info';
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
/** Centroid move between neighbouring frames, in object sizes. */
export const POSITION_JUMP_RAMP: Ramp = { fine: 0.3, wrong: 0.9 };

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

/** How far the mask jumped from one frame to the next, as doubt; 0 when either side has no object. */
function jumpDoubt(a: MaskCoverage, b: MaskCoverage): number {
  if (a.pixels === 0 || b.pixels === 0) return 0;
  const areaFactor = Math.abs(Math.log2(b.pixels / a.pixels));
  const size = Math.sqrt((a.pixels + b.pixels) / 2);
  const move = Math.hypot(b.x - a.x, b.y - a.y) / size;
  return Math.max(ramp(areaFactor, AREA_JUMP_RAMP), ramp(move, POSITION_JUMP_RAMP));
}

/** Doubt a frame carries on its own, whatever its neighbours. */
function ownDoubt(result: TrackResult): number {
  if (!result.present) return result.source === 'propagated' ? 1 : 0;
  const presence = result.objectScore === undefined ? 0 : 1 / (1 + Math.exp(result.objectScore));
  return Math.max(ramp(result.score, SCORE_RAMP), presence);
}

/** Distance of each frame to the nearest keyframe (prompted frame) among the results; Infinity without one. */
function keyframeDistances(frames: readonly number[], keyframes: readonly number[]): number[] {
  return frames.map((f) => keyframes.reduce((best, k) => Math.min(best, Math.abs(f - k)), Infinity));
}

/** The drift strip's statistics of one object's results, in frame order. */
export function trackStats(results: readonly TrackResult[]): FrameStat[] {
  const sorted = [...results].sort((a, b) => a.frame - b.frame);
  const measures = sorted.map((r) => r.coverage ?? measureMask(r.mask));
  const doubts = sorted.map(ownDoubt);
  const distances = keyframeDistances(
    sorted.map((r) => r.frame),
    sorted.filter((r) => r.source === 'prompt').map((r) => r.frame),
  );
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].frame !== sorted[i - 1].frame + 1) continue;
    const blamed = distances[i - 1] > distances[i] ? i - 1 : i;
    // What a keyframe shows is the editor's word, not the tracker's.
    if (sorted[blamed].source === 'prompt') continue;
    doubts[blamed] = Math.max(doubts[blamed], jumpDoubt(measures[i - 1], measures[i]));
  }
  return sorted.map((r, i) => {
    const { pixels, x, y } = measures[i];
    const { width, height } = measures[i];
    return {
      frame: r.frame,
      present: r.present,
      source: r.source,
      score: r.score,
      objectScore: r.objectScore ?? null,
      area: pixels / (width * height),
      cx: x / width,
      cy: y / height,
      doubt: doubts[i],
      drifted: doubts[i] >= DRIFT_THRESHOLD,
    };
  });
}
