/** Tooltips of the undo and redo buttons, naming the step they would take. */
import type { HistoryState } from '../../shared/api';

export const UNDO_KEYS = 'Ctrl+Z';
export const REDO_KEYS = 'Ctrl+Shift+Z or Ctrl+Y';

export function undoTitle(history: HistoryState | null): string {
  return history?.canUndo && history.undoLabel ? `Undo ${history.undoLabel} (${UNDO_KEYS})` : `Nothing to undo (${UNDO_KEYS})`;
}

export function redoTitle(history: HistoryState | null): string {
  return history?.canRedo && history.redoLabel ? `Redo ${history.redoLabel} (${REDO_KEYS})` : `Nothing to redo (${REDO_KEYS})`;
}
