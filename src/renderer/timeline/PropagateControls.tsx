import type { PropagateDirection } from '../../shared/engine';
import { ProgressBar } from '../jobs/ProgressBar';
import { progressPercent, propagateStatusText, type JobsState } from '../jobs/jobState';

interface PropagateControlsProps {
  direction: PropagateDirection;
  onDirection: (direction: PropagateDirection) => void;
  onPropagate: () => void;
  onCancel: () => void;
  jobs: JobsState;
  canPropagate: boolean;
}

/** Propagation, and the progress and Cancel of whichever job runs (export included). */
export function PropagateControls({ direction, onDirection, onPropagate, onCancel, jobs, canPropagate }: PropagateControlsProps) {
  const running = jobs.running;
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
      <button type="button" className="primary" data-testid="propagate-button" disabled={running !== null || !canPropagate} title="Track the prompts through the clip (Ctrl+Enter)" onClick={onPropagate}>
        Propagate
      </button>
      {running && <ProgressBar testId="job-progress" percent={progressPercent(running)} label={running.kind === 'export' ? 'Export progress' : 'Tracking progress'} />}
      <button type="button" data-testid="cancel-job" disabled={running?.jobId == null} title="Cancel the running job (Esc)" onClick={onCancel}>
        Cancel
      </button>
      <span className="job-status" data-testid="propagate-status">
        {running?.kind === 'export' ? 'Exporting…' : propagateStatusText(jobs)}
      </span>
    </div>
  );
}
