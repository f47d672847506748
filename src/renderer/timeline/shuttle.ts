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
