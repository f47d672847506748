/** Long work (propagation, export) as cancellable jobs that report through events. */
import { randomUUID } from 'node:crypto';
import type { ExportResult, JobEvent, JobKind } from '../../shared/api';
import { isAbortError } from '../../shared/common/abort';
import { StudioError, toErrorInfo } from '../../shared/errors';

export type JobBody = (signal: AbortSignal, jobId: string) => Promise<ExportResult | void>;

export class JobRunner {
  private readonly running = new Map<string, { controller: AbortController; kind: JobKind; owner: string }>();

  constructor(private readonly emit: (event: JobEvent) => void) {}

  /** Starts a job unless one of the same kind already runs for the same owner (a media). */
  start(kind: JobKind, owner: string, body: JobBody): string {
    for (const job of this.running.values()) {
      if (job.kind === kind && job.owner === owner) throw new StudioError('busy', `A ${kind} job is already running on this clip; cancel it or wait.`);
    }
    const jobId = randomUUID();
    const controller = new AbortController();
    this.running.set(jobId, { controller, kind, owner });
    // Run after the caller has the id, so no event arrives before it.
    setImmediate(() => {
      // The job leaves the running list before its last event, so a listener may start the next one at once.
      const finish = (event: JobEvent) => {
        this.running.delete(jobId);
        this.emit(event);
      };
      body(controller.signal, jobId)
        .then((result) => finish(result ? { jobId, kind, type: 'done', result } : { jobId, kind, type: 'done' }))
        .catch((err: unknown) => {
          if (controller.signal.aborted || isAbortError(err)) finish({ jobId, kind, type: 'cancelled' });
          else {
            const { code, message } = toErrorInfo(err);
            finish({ jobId, kind, type: 'error', code, message });
          }
        });
    });
    return jobId;
  }

  cancel(jobId: string): void {
    this.running.get(jobId)?.controller.abort();
  }

  cancelOwner(owner: string): void {
    for (const job of this.running.values()) if (job.owner === owner) job.controller.abort();
  }
}
