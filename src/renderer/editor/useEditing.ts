import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FrameMask, StudioApi, StudioTransport } from '../../shared/api';
import { useHistory } from '../history/useHistory';
import { useJobs } from '../jobs/useJobs';
import type { useObjects } from '../objects/useObjects';
import { usePromptEditor } from '../prompts/usePromptEditor';
import { useAutoRetrack, useRetrackMode } from '../timeline/useAutoRetrack';
import { useEditor } from './store';

export interface EditingDeps {
  objects: ReturnType<typeof useObjects>;
  /** The project changed and has a new undo step. */
  onEdited: () => void;
  /** Counts edits: the history reloads its labels on each. */
  editCount: number;
  /** Shows a mask setPrompts returned before the viewer reloads it. */
  showMask: (mask: FrameMask) => void;
  onError: (error: unknown) => void;
}

/**
 * The edits that reach the host (the selected object's prompts on the playhead's frame, undo and redo, the
 * propagation and export jobs, auto re-tracks) and what each tells the store: which masks changed.
 */
export function useEditing(api: StudioApi, transport: StudioTransport, { objects, onEdited, editCount, showMask, onError }: EditingDeps) {
  const { mediaId, frame, setFrame, promptsSet, frameTracked, historyStepped } = useEditor(
    useShallow((s) => ({
      mediaId: s.session?.media.mediaId ?? null,
      frame: s.frame,
      setFrame: s.setFrame,
      promptsSet: s.promptsSet,
      frameTracked: s.frameTracked,
      historyStepped: s.historyStepped,
    })),
  );
  const target = useMemo(() => (mediaId !== null && objects.selectedId !== null ? { mediaId, objectId: objects.selectedId, frame } : null), [mediaId, objects.selectedId, frame]);
  const promptEditor = usePromptEditor(api, target, {
    onMask: (mask, edited) => {
      if (mask) showMask(mask);
      promptsSet(edited.objectId, edited.frame, mask === null);
      onEdited();
      void objects.refresh();
      retrack(edited);
    },
    onError,
  });
  const history = useHistory(api, mediaId, editCount, {
    onStep: (step) => {
      if (step.frame !== undefined) setFrame(step.frame);
      if (step.frame !== undefined && step.objectId !== undefined) retrack({ objectId: step.objectId, frame: step.frame });
      historyStepped(step);
      void objects.refresh(step.objectId);
      promptEditor.reload();
      onEdited();
    },
    onError,
  });

  const jobs = useJobs(api, transport, {
    onEvent: (event) => {
      if (event.type === 'frame') {
        objects.markTracked(event.objectId, event.frame);
        frameTracked(event.objectId, event.frame);
      } else if (event.kind === 'propagate' && event.type !== 'progress') {
        // Its frames came as 'frame' events; the list learns which are stale now.
        void objects.refresh();
      }
    },
    onError,
  });

  const [retrackMode, setRetrackMode] = useRetrackMode();
  const retrack = useAutoRetrack(api, mediaId, retrackMode, jobs, onError);

  return { target, promptEditor, history, jobs, retrackMode, setRetrackMode };
}
