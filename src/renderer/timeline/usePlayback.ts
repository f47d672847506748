import { useEffect, useRef, useState } from 'react';
import type { Rational } from '../../shared/media';

/**
 * Plays at the clip's rate at most, and never faster than frames arrive: each step waits for
 * the previous frame to be on screen.
 */
export function usePlayback(frame: number, shownFrame: number | null, frameCount: number, fps: Rational, setFrame: (frame: number) => void) {
  const [playing, setPlaying] = useState(false);
  const lastStep = useRef(0);

  useEffect(() => {
    if (!playing || shownFrame !== frame) return;
    if (frame >= frameCount - 1) {
      setPlaying(false);
      return;
    }
    const wait = Math.max(0, lastStep.current + (1000 * fps.den) / fps.num - performance.now());
    const timer = setTimeout(() => {
      lastStep.current = performance.now();
      setFrame(frame + 1);
    }, wait);
    return () => clearTimeout(timer);
  }, [playing, frame, shownFrame, frameCount, fps, setFrame]);

  const toggle = () => {
    if (!playing && frame >= frameCount - 1) setFrame(0);
    lastStep.current = performance.now();
    setPlaying((p) => !p);
  };

  return { playing, toggle, stop: () => setPlaying(false) };
}
