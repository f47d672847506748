import { useEffect, useRef, useState } from 'react';
import { belongsToControl, reachesPastControls, shortcutFor, type ShortcutAction } from './shortcuts';

const ownedByControl = (e: KeyboardEvent) => e.target instanceof HTMLElement && belongsToControl(e.key, e.target as HTMLElement & { type?: string });

/** Window-wide shortcuts, except keys a focused form control needs. */
export function useShortcuts(onAction: (action: ShortcutAction) => void) {
  const latest = useRef(onAction);
  useEffect(() => {
    latest.current = onAction;
  });
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (ownedByControl(e) && !reachesPastControls(e)) return;
      const action = shortcutFor(e);
      if (!action) return;
      e.preventDefault();
      latest.current(action);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}

/**
 * Space held pans the viewer; Space tapped (pressed and released without panning) plays or
 * pauses, as in editing apps that do both.
 */
export function useSpaceKey(onTap: () => void) {
  const [held, setHeld] = useState(false);
  const panned = useRef(false);
  const latest = useRef(onTap);
  useEffect(() => {
    latest.current = onTap;
  });

  useEffect(() => {
    const isSpace = (e: KeyboardEvent) => e.key === ' ' && !ownedByControl(e);
    const onKeyDown = (e: KeyboardEvent) => {
      if (!isSpace(e)) return;
      // Focused buttons would otherwise click on Space.
      e.preventDefault();
      if (e.repeat) return;
      panned.current = false;
      setHeld(true);
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (!isSpace(e)) return;
      e.preventDefault();
      setHeld(false);
      if (!panned.current) latest.current();
    };
    const onBlur = () => setHeld(false);
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, []);

  return { held, markPanned: () => (panned.current = true) };
}
