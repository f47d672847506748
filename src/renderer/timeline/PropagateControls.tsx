import type { PropagateDirection } from '../../shared/engine';
import { ProgressBar } from '../jobs/ProgressBar';
import { progressPercent, propagateCountText, propagateStatusText, type JobsState } from '../jobs/jobState';
import type { RetrackMode } from './retrackMode';

interface PropagateControlsProps {
  direction: PropagateDirection;
  onDirection: (direction: PropagateDirection) => void;
  onPropagate: () => void;
  onCancel: () => void;
  jobs: JobsState;
  canPropagate: boolean;
  retrackMode: RetrackMode;
  onRetrackMode: (mode: RetrackMode) => void;
}

/** Propagation, and the progress and Cancel of whichever job runs (export included). */
export function PropagateControls({ direction, onDirection, onPropagate, onCancel, jobs, canPropagate, retrackMode, onRetrackMode }: PropagateControlsProps) {
  const running = jobs.running;
  const count = propagateCountText(jobs);
  return (
    <div className="propagate">
      <select
        data-testid="propagate-direction"
        aria-label="Propagation direction"
        value={direction}
        disabled={running !== null}
        onChange={(e) => onDirection(e.target.value as PropagateDirection)}
      >
        <option value="forward">Forward ▶</option>
        <option value="backward">◀ Backward</option>
        <option value="both">◀ Both ▶</option>
      </select>
      <button
        type="button"
        className="primary"
        data-testid="propagate-button"
        disabled={running !== null || !canPropagate}
        title="Track the frames that are stale or untracked that way, between in and out (Ctrl+Enter)"
        onClick={onPropagate}
      >
        Propagate
      </button>
      {running && <ProgressBar testId="job-progress" percent={progressPercent(running)} label={running.kind === 'export' ? 'Export progress' : 'Tracking progress'} />}
      <button type="button" data-testid="cancel-job" disabled={running?.jobId == null} title="Cancel the running job (Esc)" onClick={onCancel}>
        Cancel
      </button>
      <span className="job-status" data-testid="propagate-status">
        {running?.kind === 'export' ? 'Exporting…' : propagateStatusText(jobs)}
      </span>
      {count && (
        <span className="job-status dim" data-testid="propagate-count">
          {count}
        </span>
      )}
      <select
        data-testid="retrack-mode"
        aria-label="Re-track corrections"
        title="After a correction on a tracked frame: re-track the frames it influences by itself a moment later (auto), or leave them stale until you propagate (manual)"
        value={retrackMode}
        onChange={(e) => onRetrackMode(e.target.value as RetrackMode)}
      >
        <option value="auto">Re-track: auto</option>
        <option value="manual">Re-track: manual</option>
      </select>
    </div>
  );
}
