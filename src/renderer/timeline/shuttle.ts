/** J/K/L shuttle: L plays forward, J in reverse, pressing the same again doubles the speed, K stops. */

export interface Shuttle {
  /** -1 reverse, 0 stopped, 1 forward. */
  direction: -1 | 0 | 1;
  /** Multiple of the clip's frame rate. */
  speed: number;
}

export const STOPPED: Shuttle = { direction: 0, speed: 1 };
export const MAX_SHUTTLE_SPEED = 8;

export function pressShuttle(current: Shuttle, direction: Shuttle['direction']): Shuttle {
  if (direction === 0) return STOPPED;
  if (current.direction === direction) return { direction, speed: Math.min(MAX_SHUTTLE_SPEED, current.speed * 2) };
  return { direction, speed: 1 };
}

/** The frame a shuttle step goes to, or null at the end of the clip in that direction. */
export function shuttleTarget(frame: number, shuttle: Shuttle, frameCount: number): number | null {
  const next = frame + shuttle.direction;
  return shuttle.direction === 0 || next < 0 || next >= frameCount ? null : next;
}

/** Milliseconds per step at the clip's rate times the speed. */
export function stepInterval(fps: { num: number; den: number }, shuttle: Shuttle): number {
  return (1000 * fps.den) / (fps.num * shuttle.speed);
}
