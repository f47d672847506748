import { memo, useEffect, useState } from 'react';
import type { FrameStat, ObjectSummary, StudioApi } from '../../shared/api';
import type { Rational } from '../../shared/media';
import type { ObjectId } from '../../shared/prompts';
import { FirstFrameIcon, LastFrameIcon, NextFrameIcon, PauseIcon, PlayIcon, PreviousFrameIcon } from '../shell/icons';
import { DriftStrip } from './DriftStrip';
import { markIn, markOut, NO_IN_OUT, type InOut } from './inOut';
import { InOutRange } from './InOutRange';
import { ScrubPreview } from './ScrubPreview';
import { frameAtOffset, framePercent, framesToRuns, runSpan, splitStale } from './segments';
import { formatTimecode } from './timecode';
import { selectMedia, useEditor } from '../editor/store';
import type { usePlayback } from './usePlayback';
import { useThumbnail } from './useThumbnail';

interface TimelineProps {
  api: StudioApi;
  onError: (error: unknown) => void;
  objects: readonly ObjectSummary[];
  colorOf: (objectId: ObjectId) => string;
  playback: ReturnType<typeof usePlayback>;
  /** The selected object's confidence per tracked frame. */
  stats: readonly FrameStat[];
  inOut: InOut;
  onInOut: (points: InOut) => void;
}

/** What the timeline's parts show: its props and the clip, playhead and selection of the editor. */
interface TimelineView extends TimelineProps {
  mediaId: string;
  frameCount: number;
  frame: number;
  onFrame: (frame: number) => void;
  fps: Rational;
  startTimecode: string | null;
  selectedId: ObjectId | null;
}

/** The timeline's keys, for its help tooltip. */
const TIMELINE_KEYS = [
  'Space  play / pause',
  'J / K / L  play reverse / stop / play forward (repeat J or L to double the speed)',
  '← / →  one frame, Shift+← / →  10 frames, Home / End  first / last frame',
  'I / O  mark in / out, Alt+I / Alt+O  clear them',
  ', / .  previous / next doubtful frame (drift strip)',
  'Ctrl+Enter  propagate (between in and out), Esc  cancel',
].join('\n');

function Transport({ frame, frameCount, onFrame, playback }: Pick<TimelineView, 'frame' | 'frameCount' | 'onFrame' | 'playback'>) {
  const last = frameCount - 1;
  const { shuttle, playing } = playback;
  const reversing = shuttle.direction < 0;
  return (
    <div className="transport" role="group" aria-label="Transport">
      <button type="button" className="ghost" title="First frame (Home)" aria-label="First frame" onClick={() => onFrame(0)}>
        <FirstFrameIcon />
      </button>
      <button type="button" className="ghost" title="Previous frame (←, Shift+← 10 frames)" aria-label="Previous frame" onClick={() => onFrame(Math.max(0, frame - 1))}>
        <PreviousFrameIcon />
      </button>
      <button
        type="button"
        className="ghost mirrored"
        title="Play in reverse (J, again to double the speed)"
        aria-label={reversing ? 'Stop' : 'Play in reverse'}
        onClick={() => playback.press(reversing ? 0 : -1)}
      >
        {reversing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button
        type="button"
        className="ghost play"
        title="Play / pause (Space; L plays, again doubles the speed; K stops)"
        aria-label={playing && !reversing ? 'Pause' : 'Play'}
        onClick={playback.toggle}
      >
        {playing && !reversing ? <PauseIcon /> : <PlayIcon />}
      </button>
      <button type="button" className="ghost" title="Next frame (→, Shift+→ 10 frames)" aria-label="Next frame" onClick={() => onFrame(Math.min(last, frame + 1))}>
        <NextFrameIcon />
      </button>
      <button type="button" className="ghost" title="Last frame (End)" aria-label="Last frame" onClick={() => onFrame(last)}>
        <LastFrameIcon />
      </button>
      <span className="play-rate mono" data-testid="play-rate" data-rate={shuttle.direction * shuttle.speed}>
        {playing ? `${reversing ? '◀' : '▶'} ${shuttle.speed}×` : ''}
      </span>
    </div>
  );
}

function InOutControls({ frame, inOut, onInOut }: Pick<TimelineView, 'frame' | 'inOut' | 'onInOut'>) {
  const set = inOut.inPoint !== null || inOut.outPoint !== null;
  return (
    <div className="in-out-controls" role="group" aria-label="In and out points">
      <button type="button" data-testid="mark-in" title="Mark in at this frame (I): propagation and export start here" onClick={() => onInOut(markIn(inOut, frame))}>
        In <span className="mono">{inOut.inPoint ?? '–'}</span>
      </button>
      <button type="button" data-testid="mark-out" title="Mark out at this frame (O): propagation and export end here" onClick={() => onInOut(markOut(inOut, frame))}>
        Out <span className="mono">{inOut.outPoint ?? '–'}</span>
      </button>
      <button
        type="button"
        className="ghost"
        data-testid="clear-in-out"
        title="Clear in and out: the whole clip (Alt+I, Alt+O clear one)"
        disabled={!set}
        onClick={() => onInOut(NO_IN_OUT)}
      >
        ✕
      </button>
    </div>
  );
}

/** One marker per frame carrying prompts of any object; the selected object's are in its colour. */
// Lanes and the drift strip do not depend on the playhead: memoised, playback re-renders only what moves.
const KeyframeLane = memo(function KeyframeLane({
  objects,
  selectedId,
  colorOf,
  frameCount,
  onFrame,
}: Pick<TimelineView, 'objects' | 'selectedId' | 'colorOf' | 'frameCount' | 'onFrame'>) {
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
});

/**
 * Per object, the frames that have a mask; fills in live while tracking. Stale frames (made from prompts that
 * changed since, until they are re-tracked) are hatched: shown, not to be trusted.
 */
const TrackedLanes = memo(function TrackedLanes({ objects, colorOf, frameCount }: Pick<TimelineView, 'objects' | 'colorOf' | 'frameCount'>) {
  return (
    <div className="tracked-lanes" data-testid="tracked-lanes">
      {objects.map((o) => {
        const { fresh, stale } = splitStale(o.trackedFrames, o.staleFrames);
        const runs = (frames: number[], className: string) =>
          framesToRuns(frames).map((run) => {
            const { left, width } = runSpan(run, frameCount);
            return <div key={`${className}${run[0]}`} className={className} style={{ left: `${left}%`, width: `${width}%`, color: colorOf(o.objectId) }} />;
          });
        return (
          <div
            key={o.objectId}
            className="lane tracked"
            title={`${o.name}: ${o.trackedFrames.length} tracked frames${stale.length ? `, ${stale.length} stale (to re-track)` : ''}`}
            data-tracked-count={o.trackedFrames.length}
            data-stale-count={stale.length}
          >
            {runs(fresh, 'run')}
            {runs(stale, 'run stale')}
          </div>
        );
      })}
    </div>
  );
});

/** The frame slider, with a thumbnail of the frame it would select while the pointer is over it or drags it. */
function ScrubSlider({ api, mediaId, onError, frame, frameCount, onFrame }: Pick<TimelineView, 'api' | 'mediaId' | 'onError' | 'frame' | 'frameCount' | 'onFrame'>) {
  const [hover, setHover] = useState<number | null>(null);
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    if (!dragging) return;
    const release = () => setDragging(false);
    window.addEventListener('pointerup', release);
    return () => window.removeEventListener('pointerup', release);
  }, [dragging]);
  const previewFrame = dragging ? frame : hover;
  const thumbnail = useThumbnail(api, mediaId, previewFrame, onError);
  return (
    <>
      <div className="lane scrub">{previewFrame !== null && <ScrubPreview frame={previewFrame} frameCount={frameCount} thumbnail={thumbnail} />}</div>
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
        onPointerDown={() => setDragging(true)}
        onPointerMove={(e) => {
          const box = e.currentTarget.getBoundingClientRect();
          setHover(frameAtOffset(e.clientX - box.left, box.width, frameCount));
        }}
        onPointerLeave={() => setHover(null)}
      />
    </>
  );
}

/** The open clip's timeline (only rendered while one is open). */
export function Timeline(own: TimelineProps) {
  const media = useEditor(selectMedia)!;
  const frame = useEditor((s) => s.frame);
  const onFrame = useEditor((s) => s.setFrame);
  const selectedId = useEditor((s) => s.selectedId);
  const { frameCount, fps, timecode } = media.info;
  const props: TimelineView = { ...own, mediaId: media.mediaId, frameCount, frame, onFrame, fps, startTimecode: timecode, selectedId };
  const { objects } = props;
  const selectedName = objects.find((o) => o.objectId === selectedId)?.name ?? null;
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
      <InOutControls {...props} />
      <div className="track">
        <InOutRange points={props.inOut} frameCount={frameCount} />
        <KeyframeLane objects={objects} selectedId={selectedId} colorOf={props.colorOf} frameCount={frameCount} onFrame={onFrame} />
        <ScrubSlider {...props} />
        <DriftStrip stats={props.stats} frameCount={frameCount} objectName={selectedName} onFrame={onFrame} />
        <TrackedLanes objects={objects} colorOf={props.colorOf} frameCount={frameCount} />
      </div>
      <span className="timeline-help" data-testid="timeline-help" tabIndex={0} title={TIMELINE_KEYS} aria-label={`Timeline keys: ${TIMELINE_KEYS}`}>
        ?
      </span>
    </div>
  );
}
