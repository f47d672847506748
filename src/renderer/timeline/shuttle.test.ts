import { describe, expect, it } from 'vitest';
import { MAX_SHUTTLE_SPEED, pressShuttle, shuttleTarget, STOPPED, stepInterval } from './shuttle';

describe('shuttle', () => {
  it('plays forward, doubling on each repeat up to the maximum', () => {
    let s = pressShuttle(STOPPED, 1);
    expect(s).toEqual({ direction: 1, speed: 1 });
    s = pressShuttle(s, 1);
    expect(s).toEqual({ direction: 1, speed: 2 });
    for (let i = 0; i < 5; i++) s = pressShuttle(s, 1);
    expect(s.speed).toBe(MAX_SHUTTLE_SPEED);
  });

  it('reverses at normal speed, and stops', () => {
    const fast = pressShuttle(pressShuttle(STOPPED, 1), 1);
    expect(pressShuttle(fast, -1)).toEqual({ direction: -1, speed: 1 });
    expect(pressShuttle(pressShuttle(STOPPED, -1), -1)).toEqual({ direction: -1, speed: 2 });
    expect(pressShuttle(fast, 0)).toBe(STOPPED);
  });

  it('steps within the clip only', () => {
    expect(shuttleTarget(5, { direction: 1, speed: 4 }, 10)).toBe(6);
    expect(shuttleTarget(9, { direction: 1, speed: 1 }, 10)).toBeNull();
    expect(shuttleTarget(0, { direction: -1, speed: 1 }, 10)).toBeNull();
    expect(shuttleTarget(3, STOPPED, 10)).toBeNull();
  });

  it('steps at the exact rate times the speed', () => {
    expect(stepInterval({ num: 30000, den: 1001 }, { direction: 1, speed: 1 })).toBeCloseTo(33.3667, 3);
    expect(stepInterval({ num: 24, den: 1 }, { direction: -1, speed: 2 })).toBeCloseTo(1000 / 48);
  });
});
