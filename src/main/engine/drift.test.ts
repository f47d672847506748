import { describe, expect, it } from 'vitest';
import type { TrackResult } from '../../shared/engine';
import { DRIFT_THRESHOLD, dropBelowRunningLevel, jumpSign, trackStats, upstreamOf } from './drift';

const W = 100;
const H = 60;

/** A square object of the given side centred at (x, y), as a tracker would return it. */
function result(frame: number, x: number, y: number, side: number, extra: Partial<TrackResult> = {}): TrackResult {
  const data = new Uint8Array(W * H);
  for (let py = 0; py < H; py++) for (let px = 0; px < W; px++) if (Math.abs(px + 0.5 - x) < side / 2 && Math.abs(py + 0.5 - y) < side / 2) data[py * W + px] = 230;
  return { objectId: 1, frame, mask: { width: W, height: H, data }, score: 0.95, present: true, source: frame === 0 ? 'prompt' : 'propagated', ...extra };
}

function lost(frame: number): TrackResult {
  return { objectId: 1, frame, mask: { width: W, height: H, data: new Uint8Array(W * H) }, score: 0, present: false, source: 'propagated' };
}

/** Ten frames of a 10-pixel square moving 2 pixels a frame to the right. */
const smooth = () => Array.from({ length: 10 }, (_, f) => result(f, 20 + 2 * f, 30, 10));

const drifted = (results: TrackResult[]) =>
  trackStats(results)
    .filter((s) => s.drifted)
    .map((s) => s.frame);

describe('trackStats', () => {
  it('measures area and centroid as fractions of the frame', () => {
    const [stat] = trackStats([result(0, 20, 30, 10)]);
    expect(stat).toMatchObject({ frame: 0, present: true, source: 'prompt', score: 0.95, objectScore: null });
    expect(stat.area).toBeCloseTo(100 / (W * H));
    expect(stat.cx).toBeCloseTo(0.2);
    expect(stat.cy).toBeCloseTo(0.5);
  });

  it('finds nothing doubtful in smooth motion', () => {
    const stats = trackStats(smooth());
    expect(stats.map((s) => s.frame)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(Math.max(...stats.map((s) => s.doubt))).toBe(0);
  });

  it('sorts results by frame', () => {
    expect(trackStats(smooth().reverse()).map((s) => s.frame)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('flags a sudden jump of position on the frame where it lands', () => {
    const results = smooth();
    for (let f = 6; f < 10; f++) results[f] = result(f, 60 + 2 * f, 30, 10);
    expect(drifted(results)).toEqual([6]);
  });

  it('flags a sudden growth of the area', () => {
    const results = smooth();
    for (let f = 4; f < 10; f++) results[f] = result(f, 20 + 2 * f, 30, 16);
    expect(drifted(results)).toEqual([4]);
  });

  it('blames the frame tracked later: backwards from a keyframe, the lower frame', () => {
    const source = (f: number) => (f === 5 ? 'prompt' : 'propagated');
    const results = Array.from({ length: 6 }, (_, f) => result(f, f > 2 ? 30 + 2 * f : 74 - 2 * f, 30, 10, { source: source(f) }));
    expect(drifted(results)).toEqual([2]);
  });

  it('never blames a keyframe for a jump next to it', () => {
    const results = smooth();
    results[5] = result(5, 80, 20, 14, { source: 'prompt' });
    expect(drifted(results)).toEqual([4, 6]);
  });

  it('flags a low score, in proportion', () => {
    const results = smooth();
    results[3] = { ...results[3], score: 0.3 };
    results[4] = { ...results[4], score: 0.7 };
    const stats = trackStats(results);
    expect(stats[3].drifted).toBe(true);
    expect(stats[4].doubt).toBeGreaterThan(0);
    expect(stats[4].doubt).toBeLessThan(DRIFT_THRESHOLD);
  });

  it('flags a doubtful presence logit', () => {
    const results = smooth();
    results[2] = { ...results[2], objectScore: -1 };
    results[3] = { ...results[3], objectScore: 6 };
    const stats = trackStats(results);
    expect(stats[2]).toMatchObject({ objectScore: -1, drifted: true });
    expect(stats[3].doubt).toBeLessThan(0.01);
  });

  it('flags a lost object, without counting its disappearance as a jump elsewhere', () => {
    const results = smooth();
    results[5] = lost(5);
    const stats = trackStats(results);
    expect(drifted(results)).toEqual([5]);
    expect(stats[5]).toMatchObject({ present: false, area: 0, doubt: 1 });
  });

  it('compares only neighbouring frames', () => {
    expect(drifted([result(0, 20, 30, 10), result(5, 70, 30, 10)])).toEqual([]);
  });

  it('says which sign gave the doubt, and none without doubt', () => {
    const results = smooth();
    for (let f = 6; f < 10; f++) results[f] = result(f, 60 + 2 * f, 30, 10);
    results[2] = { ...results[2], score: 0.3 };
    results[8] = lost(8);
    const stats = trackStats(results);
    expect(stats.map((s) => s.reason)).toEqual([null, null, 'score', null, null, null, 'position', null, 'lost', null]);
  });

  it('flags a mask that is not the previous one moved (a leak or a switch), from what the tracker measured', () => {
    const results = smooth();
    results[4] = { ...results[4], continuity: { from: 3, shapeIoU: 0.55, detached: 0 } };
    results[6] = { ...results[6], continuity: { from: 5, shapeIoU: 0.9, detached: 0 } };
    const stats = trackStats(results);
    expect(stats[4]).toMatchObject({ drifted: true, reason: 'shape' });
    expect(stats[6].doubt).toBe(0);
  });

  it('flags a piece of the mask left apart from the object, from what the tracker measured', () => {
    const results = smooth();
    results[4] = { ...results[4], continuity: { from: 3, shapeIoU: 0.9, detached: 0.02 } };
    results[6] = { ...results[6], continuity: { from: 5, shapeIoU: 0.9, detached: 0.006 } };
    const stats = trackStats(results);
    expect(stats[4]).toMatchObject({ drifted: true, reason: 'detached' });
    expect(stats[6].doubt).toBe(0);
  });

  it('flags a presence logit that falls well below its running level while still positive', () => {
    const results = smooth().map((r) => ({ ...r, objectScore: 12 }));
    results[6] = { ...results[6], objectScore: 4 };
    const stats = trackStats(results);
    expect(stats[6]).toMatchObject({ drifted: true, reason: 'presence-drop' });
    // Back at its level the next frame is fine: the level is the mean of the five frames before, one of them low.
    expect(stats[7].doubt).toBeLessThan(0.01);
  });

  it('flags a jump of the object pointer away from its running similarity, not a steadily low similarity', () => {
    const withPointers = (similarities: number[]) =>
      smooth().map((r, f) => (f === 0 ? r : { ...r, continuity: { from: f - 1, shapeIoU: 1, detached: 0, pointerSimilarity: similarities[f] } }));
    const jump = trackStats(withPointers([1, 0.97, 0.96, 0.97, 0.96, 0.97, 0.6, 0.95, 0.96, 0.97]));
    expect(jump.filter((s) => s.drifted).map((s) => [s.frame, s.reason])).toEqual([[6, 'pointer']]);
    expect(trackStats(withPointers(new Array(10).fill(0.6))).every((s) => s.doubt === 0)).toBe(true);
  });

  it('takes the running level from the frames tracked before: backwards from a keyframe, the higher frames', () => {
    const frames = [0, 1, 2, 3, 4, 5, 7, 8];
    const distances = [5, 4, 3, 2, 1, 0, 2, 3];
    expect(upstreamOf(frames, distances)).toEqual([1, 2, 3, 4, 5, -1, -1, 6]);
    const upstream = upstreamOf(frames, distances);
    expect(dropBelowRunningLevel([1, 9, 9, 9, 9, 9, 9, 9], upstream, 0)).toBe(8);
    // Frame 7 follows a gap: nothing before it to compare with.
    expect(dropBelowRunningLevel([0, 0, 0, 0, 0, 0, 5, 1], upstream, 6)).toBe(0);
    expect(dropBelowRunningLevel([0, 0, 0, 0, 0, 0, 5, 1], upstream, 7)).toBe(4);
  });

  it('flags a move that breaks the motion (a switch onto a lookalike), not fast smooth motion', () => {
    // A still 10-pixel square whose track moves 4 pixels (0.4 of its size) in one frame: another object's place.
    const still = Array.from({ length: 8 }, (_, f) => result(f, f < 5 ? 30 : 34, 30, 10));
    expect(drifted(still)).toEqual([5]);
    // Moving 5 pixels a frame, smoothly: more than that jump, and nothing to doubt.
    const fast = Array.from({ length: 8 }, (_, f) => result(f, 20 + 5 * f, 30, 10));
    expect(drifted(fast)).toEqual([]);
  });
});

describe('jumpSign', () => {
  const at = (x: number, pixels = 100) => ({ width: W, height: H, pixels, x, y: 30 });
  it('counts the smaller of the misses of standing still and of keeping the velocity', () => {
    expect(jumpSign(at(10), at(16), at(22)).doubt).toBe(0);
    expect(jumpSign(at(16), at(16), at(19.5)).doubt).toBeCloseTo(0.6);
    // With no motion before (next to a keyframe) the same move is taken more leniently.
    expect(jumpSign(undefined, at(16), at(19.5)).doubt).toBeCloseTo(0.0833);
    expect(jumpSign(undefined, at(16), at(25)).doubt).toBe(1);
    expect(jumpSign(undefined, at(16), at(16, 200))).toMatchObject({ reason: 'area', doubt: 1 });
  });
});
