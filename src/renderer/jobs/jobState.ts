/** The one background job the editor runs at a time, driven by JobEvents. */
import type { ExportResult, JobEvent, JobKind } from '../../shared/api';

export interface RunningJob {
  kind: JobKind;
  /** null until the start call returns; events may arrive before it does. */
  jobId: string | null;
  done: number;
  total: number;
  /** When progress was first and last reported (ms) and how much was done at first: the rate from them. */
  rate?: { firstAt: number; firstDone: number; lastAt: number };
}

export type JobOutcome =
  /** frames: how many a propagation said it would track (its progress total). */
  { kind: JobKind; status: 'done'; result?: ExportResult; frames?: number } | { kind: JobKind; status: 'cancelled' } | { kind: JobKind; status: 'error'; message: string };

export interface JobsState {
  running: RunningJob | null;
  /** The last finished job of each kind, for status lines. */
  last: Partial<Record<JobKind, JobOutcome>>;
}

export type JobAction =
  | { type: 'starting'; kind: JobKind }
  | { type: 'started'; jobId: string }
  | { type: 'startFailed'; message: string }
  /** `at`: when the event arrived (ms), for the rate of progress. */
  | { type: 'event'; event: JobEvent; at?: number };

export const NO_JOBS: JobsState = { running: null, last: {} };

function isOurs(running: RunningJob | null, event: JobEvent): running is RunningJob {
  if (!running) return false;
  return running.jobId === null ? running.kind === event.kind : running.jobId === event.jobId;
}

export function jobsReducer(state: JobsState, action: JobAction): JobsState {
  switch (action.type) {
    case 'starting':
      return { ...state, running: { kind: action.kind, jobId: null, done: 0, total: 0 } };
    case 'started':
      // The job may already have finished through its events.
      return state.running && state.running.jobId === null ? { ...state, running: { ...state.running, jobId: action.jobId } } : state;
    case 'startFailed': {
      if (!state.running) return state;
      const kind = state.running.kind;
      return { running: null, last: { ...state.last, [kind]: { kind, status: 'error', message: action.message } } };
    }
    case 'event': {
      const { event } = action;
      if (!isOurs(state.running, event)) return state;
      const running = { ...state.running, jobId: event.jobId };
      switch (event.type) {
        case 'progress': {
          const at = action.at;
          const rate = at === undefined ? running.rate : running.rate ? { ...running.rate, lastAt: at } : { firstAt: at, firstDone: event.done, lastAt: at };
          return { ...state, running: { ...running, done: event.done, total: event.total, rate } };
        }
        case 'frame':
          return state.running.jobId === null ? { ...state, running } : state;
        case 'done':
          return { running: null, last: { ...state.last, [event.kind]: { kind: event.kind, status: 'done', result: event.result, frames: running.total } } };
        case 'cancelled':
          return { running: null, last: { ...state.last, [event.kind]: { kind: event.kind, status: 'cancelled' } } };
        case 'error':
          return { running: null, last: { ...state.last, [event.kind]: { kind: event.kind, status: 'error', message: event.message } } };
      }
    }
  }
}

export function progressPercent(job: RunningJob): number {
  return job.total > 0 ? Math.round((Math.min(job.done, job.total) / job.total) * 100) : 0;
}

export function exportStatusText(state: JobsState): string {
  const running = state.running;
  if (running?.kind === 'export') return running.total > 0 ? `Exporting… ${running.done}/${running.total} frames` : 'Exporting…';
  const last = state.last.export;
  if (!last) return '';
  switch (last.status) {
    case 'done':
      return last.result ? `Exported ${last.result.frames} frames to ${last.result.outputPath}` : 'Export finished';
    case 'cancelled':
      return 'Export cancelled';
    case 'error':
      return `Export failed: ${last.message}`;
  }
}

/** Items per second since progress was first reported, and the time left at that rate; null until measurable. */
export function jobRate(job: RunningJob): { perSecond: number; secondsLeft: number } | null {
  const { rate } = job;
  if (!rate || rate.lastAt <= rate.firstAt || job.done <= rate.firstDone) return null;
  const perSecond = ((job.done - rate.firstDone) * 1000) / (rate.lastAt - rate.firstAt);
  return { perSecond, secondsLeft: Math.max(0, job.total - job.done) / perSecond };
}

function durationText(seconds: number): string {
  if (seconds < 90) return `${Math.ceil(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function propagateStatusText(state: JobsState): string {
  const running = state.running;
  if (running?.kind === 'propagate') {
    if (running.total === 0) return 'Tracking…';
    const rate = jobRate(running);
    // Slow trackers (SAM 2.1 on a CPU: seconds a frame) need the time left more than the count.
    const pace = rate
      ? ` · ${rate.perSecond < 1 ? `${(1 / rate.perSecond).toFixed(1)} s/frame` : `${rate.perSecond.toFixed(1)} fps`} · ${durationText(rate.secondsLeft)} left`
      : '';
    return `Tracking ${running.done}/${running.total}${pace}`;
  }
  const last = state.last.propagate;
  if (!last) return '';
  switch (last.status) {
    case 'done':
      return 'Tracking finished';
    case 'cancelled':
      return 'Tracking cancelled';
    case 'error':
      return `Tracking failed: ${last.message}`;
  }
}

/** How many frames the last propagation tracked: only stale or untracked ones are, so it may be none. */
export function propagateCountText(state: JobsState): string {
  const last = state.last.propagate;
  if (state.running || last?.status !== 'done' || last.frames === undefined) return '';
  if (last.frames === 0) return 'nothing to track that way: those frames are up to date';
  return `${last.frames} frame${last.frames === 1 ? '' : 's'} tracked`;
}
