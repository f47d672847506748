/** Keyboard shortcuts → editor actions. Space (hold to pan, tap to play) is handled apart. */
import type { TimelineCommand } from '../timeline/timelineCommands';
import { TOOL_KEYS, type ToolKeyAction } from './editorTools';

export type ShortcutAction =
  | ToolKeyAction
  | { type: 'importMask' }
  | { type: 'stepFrame'; delta: number }
  | { type: 'firstFrame' }
  | { type: 'lastFrame' }
  | { type: 'propagate' }
  | { type: 'cancelJob' }
  | { type: 'fit' }
  | { type: 'actualPixels' }
  | { type: 'removeLastPrompt' }
  | { type: 'undo' }
  | { type: 'redo' }
  | { type: 'saveProject' }
  | { type: 'openProject' }
  | { type: 'timeline'; command: TimelineCommand };

export interface KeyInput {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** Shift+arrow jumps this many frames. */
export const BIG_FRAME_STEP = 10;

const PLAIN_KEYS: Record<string, ShortcutAction> = {
  ...TOOL_KEYS,
  m: { type: 'importMask' },
  f: { type: 'fit' },
  '1': { type: 'actualPixels' },
  home: { type: 'firstFrame' },
  end: { type: 'lastFrame' },
  escape: { type: 'cancelJob' },
  backspace: { type: 'removeLastPrompt' },
  j: { type: 'timeline', command: 'playReverse' },
  k: { type: 'timeline', command: 'stop' },
  l: { type: 'timeline', command: 'playForward' },
  i: { type: 'timeline', command: 'markIn' },
  o: { type: 'timeline', command: 'markOut' },
  '.': { type: 'timeline', command: 'nextDoubtful' },
  ',': { type: 'timeline', command: 'previousDoubtful' },
};

const ALT_KEYS: Record<string, ShortcutAction> = {
  i: { type: 'timeline', command: 'clearIn' },
  o: { type: 'timeline', command: 'clearOut' },
};

export function shortcutFor(e: KeyInput): ShortcutAction | null {
  const key = e.key.toLowerCase();
  const command = e.ctrlKey || e.metaKey;
  if (command) {
    if (key === 'enter') return { type: 'propagate' };
    if (key === 'z') return { type: e.shiftKey ? 'redo' : 'undo' };
    if (key === 'y') return { type: 'redo' };
    if (key === 's') return { type: 'saveProject' };
    if (key === 'o') return { type: 'openProject' };
    return null;
  }
  if (e.altKey) return ALT_KEYS[key] ?? null;
  if (key === 'arrowleft' || key === 'arrowright') {
    const step = e.shiftKey ? BIG_FRAME_STEP : 1;
    return { type: 'stepFrame', delta: key === 'arrowleft' ? -step : step };
  }
  return PLAIN_KEYS[key] ?? null;
}

/**
 * Save and open work from anywhere, a focused text field included: fields have no use for them, and
 * a browser would otherwise save or open the page itself. Undo stays with a field (its own text).
 */
export function reachesPastControls(e: KeyInput): boolean {
  const key = e.key.toLowerCase();
  return (e.ctrlKey || e.metaKey) && !e.altKey && (key === 's' || key === 'o');
}

const NAVIGATION_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown'];

/**
 * Keys a focused form control needs for itself: typing in fields, arrows on sliders and
 * drop-downs. Letters still reach the shortcuts from a slider or a drop-down.
 */
export function belongsToControl(key: string, target: { tagName: string; type?: string; isContentEditable?: boolean }): boolean {
  if (target.isContentEditable) return true;
  const tag = target.tagName.toLowerCase();
  if (tag === 'textarea') return key !== 'Escape';
  if (tag === 'select') return NAVIGATION_KEYS.includes(key) || key === 'Enter' || key === ' ';
  if (tag !== 'input') return false;
  if (target.type === 'range') return NAVIGATION_KEYS.includes(key);
  if (target.type === 'checkbox' || target.type === 'radio' || target.type === 'button' || target.type === 'color') return key === ' ' || key === 'Enter';
  return key !== 'Escape';
}
