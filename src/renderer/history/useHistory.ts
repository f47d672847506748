import { useCallback } from 'react';
import type { HistoryState, HistoryStep, StudioApi } from '../../shared/api';
import { useLatest } from '../async/useLatest';

export interface HistoryEvents {
  /** An undo or redo changed the project: show the step's frame and object, reload masks and prompts. */
  onStep: (step: HistoryStep) => void;
  onError: (error: unknown) => void;
}

/**
 * The host's undo history of the open clip. It reloads whenever editCount moves (any edit),
 * so the buttons' labels always name the step they would take.
 */
export function useHistory(api: StudioApi, mediaId: string | null, editCount: number, events: HistoryEvents) {
  const { onStep, onError } = events;
  const [history, setHistory] = useLatest<HistoryState>(mediaId === null ? null : `${mediaId}:${editCount}`, () => api.getHistory(mediaId!), onError);

  const take = useCallback(
    async (run: (mediaId: string) => Promise<HistoryStep | null>) => {
      if (mediaId === null) return;
      try {
        const step = await run(mediaId);
        if (!step) return;
        setHistory(step.history);
        onStep(step);
      } catch (error) {
        onError(error);
      }
    },
    [mediaId, setHistory, onStep, onError],
  );

  const undo = useCallback(() => take((id) => api.undo(id)), [api, take]);
  const redo = useCallback(() => take((id) => api.redo(id)), [api, take]);
  return { history: history ?? null, undo, redo };
}
