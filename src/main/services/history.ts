/** A bounded undo/redo stack of steps; what a step holds and how it is applied is the caller's. */
import type { HistoryState } from '../../shared/api';

export const HISTORY_LIMIT = 500;

export class History<Step extends { label: string }> {
  private readonly done: Step[] = [];
  private readonly undone: Step[] = [];

  constructor(private readonly limit = HISTORY_LIMIT) {}

  /** A new edit: it can be undone, and what was undone before can no longer be redone. */
  record(step: Step): void {
    this.done.push(step);
    if (this.done.length > this.limit) this.done.shift();
    this.undone.length = 0;
  }

  /** The step an undo would revert, without moving; commit with undid() once it is applied. */
  peekUndo(): Step | undefined {
    return this.done.at(-1);
  }

  peekRedo(): Step | undefined {
    return this.undone.at(-1);
  }

  undid(): void {
    const step = this.done.pop();
    if (step) this.undone.push(step);
  }

  redid(): void {
    const step = this.undone.pop();
    if (step) this.done.push(step);
  }

  state(): HistoryState {
    const undo = this.peekUndo();
    const redo = this.peekRedo();
    return { canUndo: !!undo, canRedo: !!redo, undoLabel: undo?.label ?? null, redoLabel: redo?.label ?? null };
  }
}
