import { describe, expect, it } from 'vitest';
import { redoTitle, undoTitle } from './historyLabels';

describe('history tooltips', () => {
  const state = { canUndo: true, canRedo: true, undoLabel: 'Add point on frame 12', redoLabel: 'Rename Object 2' };

  it('name the step undo and redo would take, with the keys', () => {
    expect(undoTitle(state)).toBe('Undo Add point on frame 12 (Ctrl+Z)');
    expect(redoTitle(state)).toBe('Redo Rename Object 2 (Ctrl+Shift+Z or Ctrl+Y)');
  });

  it('say when there is nothing to take back', () => {
    expect(undoTitle(null)).toMatch(/^Nothing to undo/);
    expect(redoTitle({ ...state, canRedo: false, redoLabel: null })).toMatch(/^Nothing to redo/);
  });
});
