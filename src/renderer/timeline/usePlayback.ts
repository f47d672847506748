import { useEffect, useState } from 'react';
import type { Rational } from '../../shared/media';
import { useEditor } from '../editor/store';
import { frameDue, type PlaybackStart } from './playbackClock';
import { pressShuttle, STOPPED, type Shuttle } from './shuttle';

/**
 * Plays forward or in reverse at the clip's rate times the shuttle speed, by the wall clock: each
 * animation frame moves the playhead to the frame due, so frames that arrive late are dropped and the
 * clip keeps its timing. A jump while playing (the slider, a key) carries on from there. The playhead is read
 * from the store when needed, not subscribed to: the hook's owner does not render on every frame played.
 */
export function usePlayback(frameCount: number, fps: Rational) {
  const [shuttle, setShuttle] = useState<Shuttle>(STOPPED);
  const setFrame = useEditor((s) => s.setFrame);

  useEffect(() => {
    if (shuttle.direction === 0) return;
    const end = shuttle.direction > 0 ? frameCount - 1 : 0;
    const frameNow = () => useEditor.getState().frame;
    let start: PlaybackStart = { frame: frameNow(), time: performance.now() };
    let placed = start.frame;
    let seen = start.frame;
    const tick = (now: number) => {
      // A frame other than the one placed here, and new since the last tick: the editor moved the playhead.
      const frame = frameNow();
      if (frame !== seen && frame !== placed) start = { frame, time: now };
      seen = frame;
      placed = frameDue(start, now, fps, shuttle, frameCount);
      if (placed !== frame) setFrame(placed);
      if (placed === end) setShuttle(STOPPED);
      else request = requestAnimationFrame(tick);
    };
    let request = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(request);
  }, [shuttle, frameCount, fps, setFrame]);

  const press = (direction: Shuttle['direction']) => setShuttle((s) => pressShuttle(s, direction));
  const playing = shuttle.direction !== 0;

  /** Space and the play button: forward at normal speed from the start when at the end, or stop. */
  const toggle = () => {
    if (playing) return setShuttle(STOPPED);
    if (useEditor.getState().frame >= frameCount - 1) setFrame(0);
    setShuttle(pressShuttle(STOPPED, 1));
  };

  return { playing, shuttle, press, toggle, stop: () => setShuttle(STOPPED) };
}
