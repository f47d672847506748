import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { FrameMask, StudioApi, StudioTransport } from '../../shared/api';
import { useHistory } from '../history/useHistory';
import { useJobs } from '../jobs/useJobs';
import type { useObjects } from '../objects/useObjects';
import { usePromptEditor } from '../prompts/usePromptEditor';
import { useAutoRetrack, useRetrackMode } from '../timeline/useAutoRetrack';
import { useEditor } from './store';

type Objects = ReturnType<typeof useObjects>;

export interface EditingDeps {
  objects: Objects;
  /** The project changed and has a new undo step. */
  onEdited: () => void;
  /** Counts edits: the history reloads its labels on each. */
  editCount: number;
  /** The host changed the prompts on screen (undo, redo): read them again. */
  reloadPrompts: () => void;
  onError: (error: unknown) => void;
}

/**
 * The edits that reach the host apart from prompts (undo and redo, the propagation and export jobs, auto
 * re-tracks) and what each tells the store: which masks changed. Not tied to the playhead, so its owner does
 * not render on every frame.
 */
export function useEditing(api: StudioApi, transport: StudioTransport, { objects, onEdited, editCount, reloadPrompts, onError }: EditingDeps) {
  const { mediaId, setFrame, frameTracked, historyStepped } = useEditor(
    useShallow((s) => ({ mediaId: s.session?.media.mediaId ?? null, setFrame: s.setFrame, frameTracked: s.frameTracked, historyStepped: s.historyStepped })),
  );
  const history = useHistory(api, mediaId, editCount, {
    onStep: (step) => {
      if (step.frame !== undefined) setFrame(step.frame);
      if (step.frame !== undefined && step.objectId !== undefined) retrack({ objectId: step.objectId, frame: step.frame });
      historyStepped(step);
      void objects.refresh(step.objectId);
      reloadPrompts();
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

  return { history, jobs, retrack, retrackMode, setRetrackMode };
}

export interface FramePromptsDeps {
  objects: Objects;
  onEdited: () => void;
  /** Shows a mask setPrompts returned before the viewer reloads it. */
  showMask: (mask: FrameMask) => void;
  /** Re-tracks from an edited frame, as the retrack mode says. */
  retrack: ReturnType<typeof useEditing>['retrack'];
  onError: (error: unknown) => void;
}

/** The selected object's prompts on the playhead's frame, and what an edit of them tells the store. */
export function useFramePrompts(api: StudioApi, { objects, onEdited, showMask, retrack, onError }: FramePromptsDeps) {
  const { mediaId, frame, promptsSet } = useEditor(useShallow((s) => ({ mediaId: s.session?.media.mediaId ?? null, frame: s.frame, promptsSet: s.promptsSet })));
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
  return { target, promptEditor };
}
