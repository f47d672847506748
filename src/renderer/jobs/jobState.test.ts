import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../shared/api';
import { exportStatusText, jobsReducer, NO_JOBS, progressPercent, propagateCountText, propagateStatusText, type JobsState } from './jobState';

const run = (state: JobsState, ...events: JobEvent[]) => events.reduce((s, event) => jobsReducer(s, { type: 'event', event }), state);

describe('jobsReducer', () => {
  it('follows a job from start to done', () => {
    let s = jobsReducer(NO_JOBS, { type: 'starting', kind: 'export' });
    s = jobsReducer(s, { type: 'started', jobId: 'j1' });
    s = run(s, { jobId: 'j1', kind: 'export', type: 'progress', done: 12, total: 48 });
    expect(s.running).toEqual({ kind: 'export', jobId: 'j1', done: 12, total: 48 });
    expect(progressPercent(s.running!)).toBe(25);
    expect(exportStatusText(s)).toBe('Exporting… 12/48 frames');
    s = run(s, { jobId: 'j1', kind: 'export', type: 'done', result: { outputPath: '/o/out.mov', frames: 48 } });
    expect(s.running).toBeNull();
    expect(exportStatusText(s)).toBe('Exported 48 frames to /o/out.mov');
  });

  it('adopts events that arrive before the start call returns', () => {
    let s = jobsReducer(NO_JOBS, { type: 'starting', kind: 'propagate' });
    s = run(s, { jobId: 'j2', kind: 'propagate', type: 'progress', done: 1, total: 10 });
    expect(s.running?.jobId).toBe('j2');
    s = run(s, { jobId: 'j2', kind: 'propagate', type: 'done' });
    s = jobsReducer(s, { type: 'started', jobId: 'j2' });
    expect(s.running).toBeNull();
    expect(propagateStatusText(s)).toBe('Tracking finished');
    expect(propagateCountText(s)).toBe('10 frames tracked');
  });

  it('says when a propagation found nothing to track', () => {
    let s = jobsReducer(NO_JOBS, { type: 'starting', kind: 'propagate' });
    s = run(s, { jobId: 'n', kind: 'propagate', type: 'progress', done: 0, total: 0 }, { jobId: 'n', kind: 'propagate', type: 'done' });
    expect(propagateCountText(s)).toBe('nothing to track that way: those frames are up to date');
  });

  it('shows the pace and the time left once progress has been reported twice', () => {
    let s = jobsReducer(NO_JOBS, { type: 'starting', kind: 'propagate' });
    const progress = (done: number, at: number) => {
      s = jobsReducer(s, { type: 'event', event: { jobId: 'p', kind: 'propagate', type: 'progress', done, total: 300 }, at });
    };
    progress(1, 10_000);
    expect(propagateStatusText(s)).toBe('Tracking 1/300');
    // Five frames in 30 s: 6 s a frame, 294 frames left.
    progress(6, 40_000);
    expect(propagateStatusText(s)).toBe('Tracking 6/300 · 6.0 s/frame · 29 min left');
    progress(296, 50_000);
    expect(propagateStatusText(s)).toBe('Tracking 296/300 · 7.4 fps · 1 s left');
  });

  it('ignores events of other jobs', () => {
    let s = jobsReducer(NO_JOBS, { type: 'starting', kind: 'propagate' });
    s = jobsReducer(s, { type: 'started', jobId: 'mine' });
    s = run(s, { jobId: 'other', kind: 'propagate', type: 'cancelled' }, { jobId: 'x', kind: 'export', type: 'progress', done: 1, total: 2 });
    expect(s.running).toEqual({ kind: 'propagate', jobId: 'mine', done: 0, total: 0 });
    expect(run(NO_JOBS, { jobId: 'x', kind: 'export', type: 'done' })).toBe(NO_JOBS);
  });

  it('records cancellation and errors', () => {
    let s = jobsReducer(NO_JOBS, { type: 'starting', kind: 'export' });
    s = run(s, { jobId: 'a', kind: 'export', type: 'error', code: 'export-failed', message: 'disk full' });
    expect(exportStatusText(s)).toBe('Export failed: disk full');
    s = jobsReducer(s, { type: 'starting', kind: 'propagate' });
    s = run(s, { jobId: 'b', kind: 'propagate', type: 'cancelled' });
    expect(propagateStatusText(s)).toBe('Tracking cancelled');
    expect(exportStatusText(s)).toBe('Export failed: disk full');
  });

  it('turns a refused start into an error outcome', () => {
    let s = jobsReducer(NO_JOBS, { type: 'starting', kind: 'export' });
    s = jobsReducer(s, { type: 'startFailed', message: 'no prompts' });
    expect(s.running).toBeNull();
    expect(exportStatusText(s)).toBe('Export failed: no prompts');
  });

  it('reports 0 % before the total is known', () => {
    expect(progressPercent({ kind: 'export', jobId: null, done: 0, total: 0 })).toBe(0);
  });
});
