import { describe, expect, it } from 'vitest';
import type { TrackResult } from '../../shared/engine';
import { DRIFT_THRESHOLD, trackStats } from './drift';

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

const drifted = (results: TrackResult[]) => trackStats(results).filter((s) => s.drifted).map((s) => s.frame);

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
});
