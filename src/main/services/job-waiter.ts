/** For headless callers (CLI, tests): turn a job's events into a promise. */
import type { ExportResult, JobEvent } from '../../shared/api';
import { StudioError } from '../../shared/errors';

export interface JobWaiter {
  emit: (event: JobEvent) => void;
  /** Resolves on done, rejects on error or cancel; onEvent sees every event of the job. */
  wait(jobId: string, onEvent?: (event: JobEvent) => void): Promise<ExportResult | undefined>;
}

export function createJobWaiter(): JobWaiter {
  const watchers = new Map<string, (event: JobEvent) => void>();
  const early = new Map<string, JobEvent[]>();
  return {
    emit(event) {
      const watcher = watchers.get(event.jobId);
      if (watcher) watcher(event);
      else early.set(event.jobId, [...(early.get(event.jobId) ?? []), event]);
    },
    wait(jobId, onEvent) {
      return new Promise((resolve, reject) => {
        const handle = (event: JobEvent) => {
          onEvent?.(event);
          if (event.type === 'done') resolve(event.result);
          else if (event.type === 'error') reject(new StudioError(event.code, event.message));
          else if (event.type === 'cancelled') reject(Object.assign(new Error('Cancelled'), { name: 'AbortError' }));
          if (event.type === 'done' || event.type === 'error' || event.type === 'cancelled') watchers.delete(jobId);
        };
        watchers.set(jobId, handle);
        for (const event of early.get(jobId) ?? []) handle(event);
        early.delete(jobId);
      });
    },
  };
}
