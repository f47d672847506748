import { useCallback, useEffect, useReducer, useRef } from 'react';
import type { JobEvent, JobKind, StudioApi, StudioTransport } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import { errorMessage } from '../shell/useErrors';
import { jobsReducer, NO_JOBS } from './jobState';

export interface JobListeners {
  /** Every event of any job, e.g. 'frame' results that fill the tracked lane. */
  onEvent: (event: JobEvent) => void;
  onError: (error: unknown) => void;
}

/** Starts, follows and cancels the editor's one background job. */
export function useJobs(api: StudioApi, transport: StudioTransport, listeners: JobListeners) {
  const [state, dispatch] = useReducer(jobsReducer, NO_JOBS);
  const latest = useRef(listeners);
  useEffect(() => {
    latest.current = listeners;
  });

  useEffect(
    () =>
      transport.onEvent((event) => {
        dispatch({ type: 'event', event, at: performance.now() });
        latest.current.onEvent(event);
        // A failed download is shown on its model in the models panel, not in the editor's banner.
        if (event.type === 'error' && event.kind !== 'download') {
          latest.current.onError(new StudioError(event.code, `${event.kind === 'export' ? 'Export' : 'Tracking'} failed: ${event.message}`));
        }
      }),
    [transport],
  );

  const busy = state.running !== null;

  const start = useCallback(
    async (kind: JobKind, begin: () => Promise<{ jobId: string }>) => {
      if (busy) return;
      dispatch({ type: 'starting', kind });
      try {
        dispatch({ type: 'started', jobId: (await begin()).jobId });
      } catch (error) {
        dispatch({ type: 'startFailed', message: errorMessage(error) });
        latest.current.onError(error);
      }
    },
    [busy],
  );

  const jobId = state.running?.jobId ?? null;
  const cancel = useCallback(() => {
    if (jobId) api.cancelJob(jobId).catch(latest.current.onError);
  }, [api, jobId]);

  return { state, busy, start, cancel };
}
