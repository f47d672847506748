import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../shared/api';
import { downloadsReducer, NO_DOWNLOADS, type DownloadAction, type DownloadsState } from './downloadState';

const run = (...actions: DownloadAction[]): DownloadsState => actions.reduce(downloadsReducer, NO_DOWNLOADS);
const event = (e: JobEvent): DownloadAction => ({ type: 'event', event: e });

describe('downloadsReducer', () => {
  it('follows a download from start to done, leaving a note', () => {
    const running = run(
      { type: 'starting', modelId: 'm' },
      { type: 'started', modelId: 'm', jobId: 'j' },
      event({ jobId: 'j', kind: 'download', type: 'progress', done: 10, total: 40 }),
    );
    expect(running.downloads.m).toEqual({ jobId: 'j', done: 10, total: 40 });
    const done = downloadsReducer(running, event({ jobId: 'j', kind: 'download', type: 'done' }));
    expect(done.downloads).toEqual({});
    expect(done.notes.m).toEqual({ text: 'Downloaded and verified.', error: false });
  });

  it('keeps the error of a failed download and says a cancelled one resumes', () => {
    const started = run({ type: 'starting', modelId: 'm' }, { type: 'started', modelId: 'm', jobId: 'j' });
    expect(downloadsReducer(started, event({ jobId: 'j', kind: 'download', type: 'error', code: 'internal', message: 'HTTP 404' })).notes.m).toEqual({
      text: 'HTTP 404',
      error: true,
    });
    expect(downloadsReducer(started, event({ jobId: 'j', kind: 'download', type: 'cancelled' })).notes.m.text).toMatch(/resumes/);
  });

  it('ignores other jobs and other kinds', () => {
    const started = run({ type: 'starting', modelId: 'm' }, { type: 'started', modelId: 'm', jobId: 'j' });
    expect(downloadsReducer(started, event({ jobId: 'other', kind: 'download', type: 'done' }))).toBe(started);
    expect(downloadsReducer(started, event({ jobId: 'j', kind: 'export', type: 'done' }))).toBe(started);
  });

  it('drops a download whose start failed, keeping its message, and clears the old note on a new start', () => {
    const failed = run({ type: 'starting', modelId: 'm' }, { type: 'note', modelId: 'm', note: { text: 'busy', error: true } });
    expect(failed.downloads).toEqual({});
    expect(failed.notes.m.text).toBe('busy');
    expect(downloadsReducer(failed, { type: 'starting', modelId: 'm' }).notes).toEqual({});
  });
});
