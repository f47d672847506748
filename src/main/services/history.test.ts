import { describe, expect, it } from 'vitest';
import { History } from './history';

const step = (label: string) => ({ label });

describe('History', () => {
  it('undoes and redoes in order, and labels what comes next', () => {
    const history = new History<{ label: string }>();
    expect(history.state()).toEqual({ canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
    history.record(step('Add point on frame 1'));
    history.record(step('Add box on frame 2'));
    expect(history.peekUndo()?.label).toBe('Add box on frame 2');
    history.undid();
    expect(history.state()).toEqual({ canUndo: true, canRedo: true, undoLabel: 'Add point on frame 1', redoLabel: 'Add box on frame 2' });
    history.redid();
    expect(history.state().undoLabel).toBe('Add box on frame 2');
    expect(history.state().canRedo).toBe(false);
  });

  it('forgets redo on a new edit', () => {
    const history = new History<{ label: string }>();
    history.record(step('a'));
    history.undid();
    history.record(step('b'));
    expect(history.state()).toMatchObject({ canRedo: false, undoLabel: 'b' });
  });

  it('keeps only the latest steps', () => {
    const history = new History<{ label: string }>(3);
    for (const label of ['1', '2', '3', '4', '5']) history.record(step(label));
    const undone: string[] = [];
    while (history.peekUndo()) {
      undone.push(history.peekUndo()!.label);
      history.undid();
    }
    expect(undone).toEqual(['5', '4', '3']);
  });

  it('does nothing when there is nothing to undo or redo', () => {
    const history = new History<{ label: string }>();
    history.undid();
    history.redid();
    expect(history.state().canUndo).toBe(false);
  });
});
