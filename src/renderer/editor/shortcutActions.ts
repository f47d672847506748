/** What each shortcut does: the editor's own state through the store, the rest through the commands the app gives. */
import type { ShortcutAction } from '../tools/shortcuts';
import type { TimelineCommand } from '../timeline/timelineCommands';
import type { EditorState } from './store';

export interface ShortcutCommands {
  importMask: () => void;
  propagate: () => void;
  cancelJob: () => void;
  undo: () => void;
  redo: () => void;
  saveProject: () => void;
  openProject: () => void;
  removeLastPrompt: () => void;
  timeline: (command: TimelineCommand) => void;
}

export function runShortcut(action: ShortcutAction, editor: EditorState, commands: ShortcutCommands): void {
  switch (action.type) {
    case 'tool':
      return editor.setTool(action.tool);
    case 'togglePolarity':
      return editor.togglePolarity();
    case 'brushRadius':
      return editor.stepBrushRadius(action.direction);
    case 'stepFrame':
      return editor.setFrame(editor.frame + action.delta);
    case 'firstFrame':
      return editor.setFrame(0);
    case 'lastFrame':
      return editor.setFrame(editor.frameCount - 1);
    case 'fit':
      return editor.fit();
    case 'actualPixels':
      return editor.actualPixels();
    case 'timeline':
      return commands.timeline(action.command);
    default:
      return commands[action.type]();
  }
}
