/** A clip's undo and redo: the history of its edit commands, and which of the latest keep their derived frames. */
import type { HistoryState } from '../../../shared/api';
import { History } from '../history';
import type { EditCommand, EditScope } from './edit-commands';

/**
 * How many of the latest edits keep their derived frames (a correction's can hold a hundred masks). Undoing
 * an older one applies its prompts again and leaves the frames they influence stale: never a hole.
 */
const EDITS_WITH_FRAMES = 50;

export class EditHistory {
  private readonly steps = new History<EditCommand>();
  /** The commands holding derived frames, oldest first (EDITS_WITH_FRAMES at most). */
  private readonly framesKept: EditCommand[] = [];

  /** A command applied for the first time. */
  record(command: EditCommand): void {
    this.steps.record(command);
    if (command.keepsFrames) {
      this.framesKept.push(command);
      if (this.framesKept.length > EDITS_WITH_FRAMES) this.framesKept.shift()!.forgetFrames();
    }
  }

  /** Applies the next step back or forward and moves past it; null when there is none. */
  async step(scope: EditScope, direction: 'undo' | 'redo'): Promise<EditCommand | null> {
    const command = direction === 'undo' ? this.steps.peekUndo() : this.steps.peekRedo();
    if (!command) return null;
    const keepFrames = this.framesKept.includes(command);
    if (direction === 'undo') {
      await command.invert(scope, keepFrames);
      this.steps.undid();
    } else {
      await command.apply(scope, keepFrames);
      this.steps.redid();
    }
    return command;
  }

  state(): HistoryState {
    return this.steps.state();
  }
}
