import { describe, expect, it } from 'vitest';
import type { FrameStat } from '../../shared/api';
import { cellTitle, doubtColour, doubtfulStops, nextDoubtful } from './doubtful';

const stat = (frame: number, drifted: boolean): FrameStat => ({
  frame,
  present: true,
  source: 'propagated',
  score: 1,
  objectScore: null,
  area: 0.1,
  cx: 0.5,
  cy: 0.5,
  doubt: drifted ? 0.8 : 0,
  drifted,
  reason: drifted ? 'shape' : null,
});

/** Frames 0..11 with drifted runs 3-5 and 9, frame 10 untracked. */
const stats = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11].map((f) => stat(f, (f >= 3 && f <= 5) || f === 9));

describe('doubtful frames', () => {
  it('stops once per run of drifted frames, at its first frame', () => {
    expect(doubtfulStops(stats)).toEqual([3, 9]);
    expect(doubtfulStops([...stats].reverse())).toEqual([3, 9]);
  });

  it('goes to the next and previous stop', () => {
    expect(nextDoubtful(stats, 0, 1)).toBe(3);
    expect(nextDoubtful(stats, 3, 1)).toBe(9);
    expect(nextDoubtful(stats, 4, 1)).toBe(9);
    expect(nextDoubtful(stats, 9, 1)).toBeNull();
    expect(nextDoubtful(stats, 9, -1)).toBe(3);
    expect(nextDoubtful(stats, 4, -1)).toBe(3);
    expect(nextDoubtful(stats, 3, -1)).toBeNull();
    expect(nextDoubtful([], 0, 1)).toBeNull();
  });

  it('colours sure frames green and drifted ones red', () => {
    expect(doubtColour(0)).toBe('hsl(120 75% 45%)');
    expect(doubtColour(0.5)).toBe('hsl(60 75% 45%)');
    expect(doubtColour(1)).toBe('hsl(0 75% 45%)');
    expect(doubtColour(3)).toBe('hsl(0 75% 45%)');
  });

  it('titles a cell with its state, its doubt and the sign that gave it', () => {
    expect(cellTitle(stat(4, true))).toBe('Frame 4: score 1.00, area 10.0 %, doubt 0.80 (shape changed beyond its motion: a leak or another object) — likely drifted');
    expect(cellTitle(stat(2, false))).toBe('Frame 2: score 1.00, area 10.0 %, doubt 0.00');
    expect(cellTitle({ ...stat(3, true), present: false, reason: 'lost', doubt: 1 })).toBe('Frame 3: object lost, doubt 1.00 — likely drifted');
  });
});
