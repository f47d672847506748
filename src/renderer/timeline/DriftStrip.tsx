import { memo } from 'react';
import type { FrameStat } from '../../shared/api';
import { cellTitle, doubtColour } from './doubtful';
import { runSpan } from './segments';

interface DriftStripProps {
  stats: readonly FrameStat[];
  frameCount: number;
  objectName: string | null;
  onFrame: (frame: number) => void;
}

/** The selected object's confidence per tracked frame, green (sure) to red; drifted frames carry a mark. */
export const DriftStrip = memo(function DriftStrip({ stats, frameCount, objectName, onFrame }: DriftStripProps) {
  const drifted = stats.filter((s) => s.drifted).length;
  return (
    <div
      className="lane drift"
      data-testid="drift-strip"
      data-cells={stats.length}
      data-drifted-count={drifted}
      title={`${objectName ?? 'Selected object'}: confidence per tracked frame (green sure … red doubtful), ${drifted} likely drifted. , and . go to the previous and next doubtful frame.`}
    >
      {stats.map((s) => {
        const { left, width } = runSpan([s.frame, s.frame], frameCount);
        return (
          <div
            key={s.frame}
            className={s.drifted ? 'cell drifted' : 'cell'}
            data-testid="drift-cell"
            data-frame={s.frame}
            data-doubt={s.doubt.toFixed(2)}
            data-drifted={s.drifted}
            title={cellTitle(s)}
            style={{ left: `${left}%`, width: `${width}%`, background: doubtColour(s.doubt) }}
            onClick={() => onFrame(s.frame)}
          />
        );
      })}
    </div>
  );
});
