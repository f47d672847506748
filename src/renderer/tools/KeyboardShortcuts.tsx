import { useShownFrame } from '../editor/FrameProvider';
import { runShortcut } from '../editor/shortcutActions';
import { useEditor } from '../editor/store';
import { removeLastPrompt } from '../prompts/promptEdits';
import { useStudio } from '../shell/StudioProvider';
import { runTimelineCommand } from '../timeline/timelineCommands';
import { useShortcuts } from './useKeyboard';

/** The window-wide shortcuts (Space apart: the viewer pane's); renders nothing. */
export function KeyboardShortcuts() {
  const { propagate, jobs, history, project, playback, inOut, trackStats } = useStudio();
  const { canPrompt, fileInput, promptEditor } = useShownFrame();
  useShortcuts((action) => {
    const editor = useEditor.getState();
    runShortcut(action, editor, {
      importMask: () => canPrompt && fileInput.current?.click(),
      propagate,
      cancelJob: jobs.cancel,
      undo: history.undo,
      redo: history.redo,
      saveProject: project.save,
      openProject: () => project.showDialog({ kind: 'open' }),
      removeLastPrompt: () => promptEditor.prompts.length > 0 && promptEditor.edit(removeLastPrompt),
      timeline: (command) =>
        runTimelineCommand(command, { frame: editor.frame, setFrame: editor.setFrame, shuttle: playback.press, inOut: inOut.points, setInOut: inOut.change, stats: trackStats }),
    });
  });
  return null;
}
