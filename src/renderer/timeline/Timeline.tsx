import type { ObjectSummary } from '../../shared/api';
import type { Rational } from '../../shared/media';
import type { ObjectId } from '../../shared/prompts';
import { FirstFrameIcon, LastFrameIcon, NextFrameIcon, PauseIcon, PlayIcon, PreviousFrameIcon } from '../shell/icons';
import { framePercent, framesToRuns, runSpan } from './segments';
import { formatTimecode } from './timecode';

interface TimelineProps {
  frameCount: number;
  frame: number;
  onFrame: (frame: number) => void;
  fps: Rational;
  startTimecode: string | null;
  objects: readonly ObjectSummary[];
  selectedId: ObjectId | null;
  colorOf: (objectId: ObjectId) => string;
  playing: boolean;
  onTogglePlay: () => void;
}

function Transport({ frame, frameCount, onFrame, playing, onTogglePlay }: Pick<TimelineProps, 'frame' | 'frameCount' | 'onFrame' | 'playing' | 'onTogglePlay'>) {
  const last = frameCount - 1;
  return (
    <div className="transport" role="group" aria-label="Transport">
      <button type="button" className="ghost" title="First frame (Home)" aria-label="First frame" onClick={() => onFrame(0)}>
        <FirstFrameIcon />
      </button>
      <button type="button" className="ghost" title="Previous frame (←)" aria-label="Previous frame" onClick={() => onFrame(Math.max(0, frame - 1))}>
        <PreviousFrameIcon />
      </button>
      <button type="button" className="ghost play" title="Play / pause (Space)" aria-label={playing ? 'Pause' : 'Play'} onClick={onTogglePlay}>
        {playing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button type="button" className="ghost" title="Next frame (→)" aria-label="Next frame" onClick={() => onFrame(Math.min(last, frame + 1))}>
        <NextFrameIcon />
      </button>
      <button type="button" className="ghost" title="Last frame (End)" aria-label="Last frame" onClick={() => onFrame(last)}>
        <LastFrameIcon />
      </button>
    </div>
  );
}

/** One marker per frame carrying prompts of any object; the selected object's are in its colour. */
function KeyframeLane({ objects, selectedId, colorOf, frameCount, onFrame }: Pick<TimelineProps, 'objects' | 'selectedId' | 'colorOf' | 'frameCount' | 'onFrame'>) {
  const selected = new Set(objects.find((o) => o.objectId === selectedId)?.promptFrames ?? []);
  const keyframes = [...new Set(objects.flatMap((o) => o.promptFrames))].sort((a, b) => a - b);
  return (
    <div className="lane keyframes">
      {keyframes.map((f) => (
        <button
          key={f}
          type="button"
          className="keyframe"
          data-testid="keyframe-marker"
          data-frame={f}
          title={`Keyframe ${f}`}
          style={{ left: `${framePercent(f, frameCount)}%`, background: selected.has(f) && selectedId !== null ? colorOf(selectedId) : undefined }}
          onClick={() => onFrame(f)}
        />
      ))}
    </div>
  );
}

/** Per object, the frames that have a mask; fills in live while tracking. */
function TrackedLanes({ objects, colorOf, frameCount }: Pick<TimelineProps, 'objects' | 'colorOf' | 'frameCount'>) {
  return (
    <div className="tracked-lanes" data-testid="tracked-lanes">
      {objects.map((o) => (
        <div key={o.objectId} className="lane tracked" title={`${o.name}: ${o.trackedFrames.length} tracked frames`} data-tracked-count={o.trackedFrames.length}>
          {framesToRuns(o.trackedFrames).map((run) => {
            const { left, width } = runSpan(run, frameCount);
            return <div key={run[0]} className="run" style={{ left: `${left}%`, width: `${width}%`, background: colorOf(o.objectId) }} />;
          })}
        </div>
      ))}
    </div>
  );
}

export function Timeline(props: TimelineProps) {
  const { frame, frameCount, onFrame } = props;
  return (
    <div className="timeline">
      <Transport {...props} />
      <div className="frame-readout mono">
        <span className="label">Frame</span>
        <span data-testid="frame-number">{frame}</span>
        <span className="dim">/ {frameCount - 1}</span>
        <span className="timecode" data-testid="timecode">
          {formatTimecode(frame, props.fps, props.startTimecode)}
        </span>
      </div>
      <div className="track">
        <KeyframeLane {...props} />
        <input
          type="range"
          className="frame-slider"
          data-testid="frame-slider"
          aria-label="Frame"
          min={0}
          max={Math.max(0, frameCount - 1)}
          step={1}
          value={frame}
          onChange={(e) => onFrame(Number(e.target.value))}
        />
        <TrackedLanes {...props} />
      </div>
    </div>
  );
}
