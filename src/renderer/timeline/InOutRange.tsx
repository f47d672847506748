import type { InOut } from './inOut';
import { runSpan } from './segments';

interface InOutRangeProps {
  points: InOut;
  frameCount: number;
}

/** Shades the frames outside the in/out points over the lanes, with a bracket at each point. */
export function InOutRange({ points, frameCount }: InOutRangeProps) {
  const last = frameCount - 1;
  const { inPoint, outPoint } = points;
  const before = inPoint !== null && inPoint > 0 ? runSpan([0, inPoint - 1], frameCount) : null;
  const after = outPoint !== null && outPoint < last ? runSpan([outPoint + 1, last], frameCount) : null;
  const edge = (frame: number, side: 'start' | 'end') => {
    const { left, width } = runSpan([frame, frame], frameCount);
    return `${side === 'start' ? left : left + width}%`;
  };
  return (
    <div className="lane in-out" aria-hidden="true">
      {before && <div className="outside" style={{ left: `${before.left}%`, width: `${before.width}%` }} />}
      {after && <div className="outside" style={{ left: `${after.left}%`, width: `${after.width}%` }} />}
      {inPoint !== null && <div className="bracket in" data-testid="in-marker" data-frame={inPoint} style={{ left: edge(inPoint, 'start') }} />}
      {outPoint !== null && <div className="bracket out" data-testid="out-marker" data-frame={outPoint} style={{ left: edge(outPoint, 'end') }} />}
    </div>
  );
}
