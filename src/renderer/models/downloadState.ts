/** Downloads in flight and the last word on each model, driven by 'download' job events. */
import type { JobEvent } from '../../shared/api';

export interface Download {
  /** null until downloadModel returns. */
  jobId: string | null;
  done: number;
  total: number;
}

export interface Note {
  text: string;
  error: boolean;
}

export interface DownloadsState {
  downloads: Record<string, Download>;
  notes: Record<string, Note>;
}

export type DownloadAction =
  | { type: 'starting'; modelId: string }
  | { type: 'started'; modelId: string; jobId: string }
  | { type: 'note'; modelId: string; note: Note | null }
  | { type: 'event'; event: JobEvent };

export const NO_DOWNLOADS: DownloadsState = { downloads: {}, notes: {} };

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const { [key]: _gone, ...rest } = record;
  return rest;
}

/** The note a finished download leaves; parts stay on disk after a cut or cancel, so the next download resumes. */
function outcome(event: JobEvent): Note | null {
  switch (event.type) {
    case 'done':
      return { text: 'Downloaded and verified.', error: false };
    case 'cancelled':
      return { text: 'Download cancelled; downloading again resumes it.', error: false };
    case 'error':
      return { text: event.message, error: true };
    default:
      return null;
  }
}

export function downloadsReducer(state: DownloadsState, action: DownloadAction): DownloadsState {
  switch (action.type) {
    case 'starting':
      return { downloads: { ...state.downloads, [action.modelId]: { jobId: null, done: 0, total: 0 } }, notes: without(state.notes, action.modelId) };
    case 'started': {
      const current = state.downloads[action.modelId];
      return current ? { ...state, downloads: { ...state.downloads, [action.modelId]: { ...current, jobId: action.jobId } } } : state;
    }
    case 'note': {
      const downloads = action.note?.error ? without(state.downloads, action.modelId) : state.downloads;
      return { downloads, notes: action.note ? { ...state.notes, [action.modelId]: action.note } : without(state.notes, action.modelId) };
    }
    case 'event': {
      const { event } = action;
      if (event.kind !== 'download') return state;
      const modelId = Object.keys(state.downloads).find((id) => state.downloads[id].jobId === event.jobId);
      if (modelId === undefined) return state;
      if (event.type === 'progress') {
        return { ...state, downloads: { ...state.downloads, [modelId]: { jobId: event.jobId, done: event.done, total: event.total } } };
      }
      const note = outcome(event);
      return note ? { downloads: without(state.downloads, modelId), notes: { ...state.notes, [modelId]: note } } : state;
    }
  }
}
