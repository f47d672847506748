import { useShallow } from 'zustand/react/shallow';
import { PLAYBACK_RESOLUTIONS, type PlaybackResolution } from '../../shared/common/proxy-size';
import { useEditor, useView } from '../editor/store';
import { MAX_BRUSH_RADIUS, MIN_BRUSH_RADIUS } from '../tools/tools';
import { PREVIEW_MODES, type PreviewMode } from './previewMode';

interface ViewerToolbarProps {
  /** Prompts of the selected object on this frame, for the clear button. */
  promptCount: number;
  onClearPrompts: () => void;
}

function Segmented<T extends string>({
  value,
  options,
  onChange,
  label,
}: {
  value: T;
  options: ReadonlyArray<{ value: T; label: string; title: string }>;
  onChange: (v: T) => void;
  label: string;
}) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button key={o.value} type="button" className={value === o.value ? 'active' : ''} aria-pressed={value === o.value} title={o.title} onClick={() => onChange(o.value)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}

/** The selected tool's options. */
function ToolOptions() {
  const { tool, pointPositive, setPointPositive, brushMode, setBrushMode, brushRadius, setBrushRadius } = useEditor(
    useShallow((s) => ({
      tool: s.tool,
      pointPositive: s.pointPositive,
      setPointPositive: s.setPointPositive,
      brushMode: s.brushMode,
      setBrushMode: s.setBrushMode,
      brushRadius: s.brushRadius,
      setBrushRadius: s.setBrushRadius,
    })),
  );
  if (tool === 'point') {
    return (
      <Segmented
        label="Point polarity"
        value={pointPositive ? 'pos' : 'neg'}
        options={[
          { value: 'pos', label: '+ Include', title: 'Clicks add the object (X toggles)' },
          { value: 'neg', label: '− Exclude', title: 'Clicks exclude (X toggles; Alt/Shift flips one click)' },
        ]}
        onChange={(v) => setPointPositive(v === 'pos')}
      />
    );
  }
  if (tool === 'brush') {
    return (
      <>
        <Segmented
          label="Brush mode"
          value={brushMode}
          options={[
            { value: 'add', label: '+ Add', title: 'Paint adds to the mask (Alt flips while painting)' },
            { value: 'subtract', label: '− Subtract', title: 'Paint removes from the mask' },
          ]}
          onChange={setBrushMode}
        />
        <label className="field inline" title="Brush radius in source pixels ([ and ])">
          Radius
          <input type="range" min={MIN_BRUSH_RADIUS} max={MAX_BRUSH_RADIUS} value={brushRadius} onChange={(e) => setBrushRadius(Number(e.target.value))} />
          <span className="mono value">{brushRadius}px</span>
        </label>
      </>
    );
  }
  return null;
}

const PLAYBACK_LABELS: Record<PlaybackResolution, string> = { full: 'Full', half: '1/2', quarter: '1/4' };

export function ViewerToolbar(props: ViewerToolbarProps) {
  const { previewMode, setPreviewMode, compareSplit, setCompareSplit, onion, setOnion, fit, actualPixels, playbackResolution, setPlaybackResolution } = useEditor(
    useShallow((s) => ({
      previewMode: s.previewMode,
      setPreviewMode: s.setPreviewMode,
      compareSplit: s.compareSplit,
      setCompareSplit: s.setCompareSplit,
      onion: s.onion,
      setOnion: s.setOnion,
      fit: s.fit,
      actualPixels: s.actualPixels,
      playbackResolution: s.playbackResolution,
      setPlaybackResolution: s.setPlaybackResolution,
    })),
  );
  const { scale } = useView();
  return (
    <div className="viewer-toolbar">
      <ToolOptions />
      <button
        type="button"
        className="ghost"
        disabled={props.promptCount === 0}
        title="Remove this frame's prompts of the selected object (Backspace removes the last one)"
        onClick={props.onClearPrompts}
      >
        Clear frame prompts
      </button>
      <div className="spacer" />
      <label className="field inline">
        View
        <select data-testid="preview-mode" value={previewMode} onChange={(e) => setPreviewMode(e.target.value as PreviewMode)}>
          {PREVIEW_MODES.map((m) => (
            <option key={m.mode} value={m.mode}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {previewMode === 'compare' && (
        <label className="field inline" title="Wipe between A (tracker mask, left) and B (refined matte, right)">
          A
          <input type="range" data-testid="compare-split" min={0} max={1} step={0.01} value={compareSplit} onChange={(e) => setCompareSplit(Number(e.target.value))} />B
        </label>
      )}
      <label className="field inline" title="How sharp frames are while playing (a paused frame is always sharp): half keeps the clip's rate on a small machine">
        Playback
        <select data-testid="playback-resolution" value={playbackResolution} onChange={(e) => setPlaybackResolution(e.target.value as PlaybackResolution)}>
          {PLAYBACK_RESOLUTIONS.map((r) => (
            <option key={r} value={r}>
              {PLAYBACK_LABELS[r]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        data-testid="onion-skin"
        className={onion ? 'active' : ''}
        aria-pressed={onion}
        title="Onion skin: outline the previous frame's masks"
        onClick={() => setOnion(!onion)}
      >
        Onion
      </button>
      <button type="button" data-testid="zoom-fit" title="Fit (F)" onClick={fit}>
        Fit
      </button>
      <button type="button" data-testid="zoom-1to1" title="1:1 (1)" onClick={actualPixels}>
        1:1
      </button>
      <span className="mono zoom" title="Zoom">
        {Math.round(scale * 100)}%
      </span>
    </div>
  );
}
