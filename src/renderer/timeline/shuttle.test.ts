import { describe, expect, it } from 'vitest';
import { MAX_SHUTTLE_SPEED, pressShuttle, STOPPED } from './shuttle';

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
});
