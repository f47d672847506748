import { useEffect, useRef, useState } from 'react';
import type { Rational } from '../../shared/media';
import { pressShuttle, shuttleTarget, STOPPED, stepInterval, type Shuttle } from './shuttle';

/**
 * Plays forward or in reverse at the clip's rate times the shuttle speed at most, and never faster
 * than frames arrive: each step waits for the previous frame to be on screen.
 */
export function usePlayback(frame: number, shownFrame: number | null, frameCount: number, fps: Rational, setFrame: (frame: number) => void) {
  const [shuttle, setShuttle] = useState<Shuttle>(STOPPED);
  const lastStep = useRef(0);

  useEffect(() => {
    if (shuttle.direction === 0 || shownFrame !== frame) return;
    const target = shuttleTarget(frame, shuttle, frameCount);
    if (target === null) {
      setShuttle(STOPPED);
      return;
    }
    const wait = Math.max(0, lastStep.current + stepInterval(fps, shuttle) - performance.now());
    const timer = setTimeout(() => {
      lastStep.current = performance.now();
      setFrame(target);
    }, wait);
    return () => clearTimeout(timer);
  }, [shuttle, frame, shownFrame, frameCount, fps, setFrame]);

  const press = (direction: Shuttle['direction']) => {
    lastStep.current = performance.now();
    setShuttle((s) => pressShuttle(s, direction));
  };
  const playing = shuttle.direction !== 0;

  /** Space and the play button: forward at normal speed from the start when at the end, or stop. */
  const toggle = () => {
    if (playing) return setShuttle(STOPPED);
    if (frame >= frameCount - 1) setFrame(0);
    lastStep.current = performance.now();
    setShuttle(pressShuttle(STOPPED, 1));
  };

  return { playing, shuttle, press, toggle, stop: () => setShuttle(STOPPED) };
}
