import { useCallback, useEffect, useRef, useState } from 'react';
import type { StudioApi } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import type { useJobs } from '../jobs/useJobs';
import { readRetrackMode, RETRACK_DELAY_MS, writeRetrackMode, type RetrackMode } from './retrackMode';

/** Where prompts changed: a correction re-tracks the stale frames around it, up to the neighbouring keyframes. */
export interface RetrackTarget {
  objectId: ObjectId;
  frame: number;
}

/** The editor's re-track mode, kept in the browser's storage. */
export function useRetrackMode(): [RetrackMode, (mode: RetrackMode) => void] {
  const [mode, setMode] = useState<RetrackMode>(() => readRetrackMode(localStorage));
  const choose = useCallback((next: RetrackMode) => {
    writeRetrackMode(localStorage, next);
    setMode(next);
  }, []);
  return [mode, choose];
}

/**
 * In auto mode, a correction's stale frames are re-tracked both ways a moment after the last prompt change, as
 * a normal propagation job (progress, Cancel). A newer change cancels a re-track still running for an older
 * one and starts its own once that has stopped; a job of the editor's own is waited for, never cancelled.
 */
export function useAutoRetrack(api: StudioApi, mediaId: string | null, mode: RetrackMode, jobs: ReturnType<typeof useJobs>, onError: (error: unknown) => void) {
  const latest = useRef({ api, mediaId, mode, jobs, onError });
  useEffect(() => {
    latest.current = { api, mediaId, mode, jobs, onError };
  });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const waiting = useRef<RetrackTarget | null>(null);
  const ownJob = useRef(false);

  const run = useCallback(async (target: RetrackTarget) => {
    const { api, mediaId, jobs } = latest.current;
    if (!mediaId) return;
    if (jobs.state.running) {
      waiting.current = target;
      if (ownJob.current) jobs.cancel();
      return;
    }
    const object = (await api.listObjects(mediaId)).find((o) => o.objectId === target.objectId);
    if (!object?.staleFrames.length) return;
    ownJob.current = true;
    await jobs.start('propagate', () => api.propagate(mediaId, { direction: 'both', objectIds: [target.objectId], startFrame: target.frame, correction: true }));
  }, []);

  const running = jobs.state.running !== null;
  useEffect(() => {
    if (running) return;
    ownJob.current = false;
    const next = waiting.current;
    waiting.current = null;
    if (next) run(next).catch(latest.current.onError);
  }, [running, run]);

  // Another clip (or none): what was scheduled belongs to the one before.
  useEffect(
    () => () => {
      if (timer.current !== null) clearTimeout(timer.current);
      timer.current = null;
      waiting.current = null;
    },
    [mediaId],
  );

  /** Prompts changed on a frame (an edit, an undo, a redo). */
  return useCallback(
    (target: RetrackTarget) => {
      if (latest.current.mode !== 'auto') return;
      if (timer.current !== null) clearTimeout(timer.current);
      if (ownJob.current) latest.current.jobs.cancel();
      timer.current = setTimeout(() => {
        timer.current = null;
        run(target).catch(latest.current.onError);
      }, RETRACK_DELAY_MS);
    },
    [run],
  );
}
