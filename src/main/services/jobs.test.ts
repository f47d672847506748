import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import { JobRunner } from './jobs';

function runner() {
  const events: JobEvent[] = [];
  const waiters: Array<(e: JobEvent) => void> = [];
  const jobs = new JobRunner((e) => {
    events.push(e);
    for (const w of waiters) w(e);
  });
  const next = (type: JobEvent['type']) => new Promise<JobEvent>((resolve) => waiters.push((e) => e.type === type && resolve(e)));
  return { jobs, events, next };
}

describe('JobRunner', () => {
  it('refuses a second job of the same kind on the same clip while one runs', async () => {
    const { jobs, next } = runner();
    let release = () => {};
    jobs.start('export', 'clip', () => new Promise<void>((r) => (release = r)));
    expect(() => jobs.start('export', 'clip', async () => {})).toThrow(expect.objectContaining({ code: 'busy', message: expect.stringMatching(/already running/) }));
    expect(() => jobs.start('propagate', 'clip', async () => {})).not.toThrow();
    await new Promise((r) => setImmediate(r));
    release();
    await next('done');
  });

  it("reports a failure with its error's code ('internal' for an error nothing classified)", async () => {
    const { jobs, next } = runner();
    jobs.start('export', 'clip', () => Promise.reject(new StudioError('export-failed', 'Cannot export to /x: the disk is full')));
    expect(await next('error')).toMatchObject({ kind: 'export', code: 'export-failed', message: 'Cannot export to /x: the disk is full' });
    jobs.start('propagate', 'clip', () => Promise.reject(new Error('boom')));
    expect(await next('error')).toMatchObject({ kind: 'propagate', code: 'internal', message: 'boom' });
  });

  it('lets a listener start the next job as soon as the last one reports done, error or cancel', async () => {
    const outcomes: string[] = [];
    const jobs: JobRunner = new JobRunner((e) => {
      if (e.type === 'progress') return;
      try {
        if (outcomes.length === bodies.length) return void outcomes.push(e.type);
        jobs.start('export', 'clip', bodies[outcomes.length]);
        outcomes.push(`${e.type}: next started`);
      } catch (err) {
        outcomes.push(`${e.type}: ${(err as Error).message}`);
      }
    });
    const bodies = [
      async () => {
        throw new Error('disk full');
      },
      async (signal: AbortSignal) => {
        jobs.cancelOwner('clip');
        if (signal.aborted) throw new Error('aborted');
      },
      async () => {},
    ];
    jobs.start('export', 'clip', async () => {});
    await new Promise((r) => setTimeout(r, 50));
    expect(outcomes).toEqual(['done: next started', 'error: next started', 'cancelled: next started', 'done']);
  });
});
