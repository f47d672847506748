import { MAX_BRUSH_RADIUS, MIN_BRUSH_RADIUS, type BrushMode, type Tool } from '../tools/tools';
import { PREVIEW_MODES, type PreviewMode } from './previewMode';

interface ViewerToolbarProps {
  tool: Tool;
  pointPositive: boolean;
  onPointPositive: (positive: boolean) => void;
  brushMode: BrushMode;
  onBrushMode: (mode: BrushMode) => void;
  brushRadius: number;
  onBrushRadius: (radius: number) => void;
  previewMode: PreviewMode;
  onPreviewMode: (mode: PreviewMode) => void;
  scale: number;
  onFit: () => void;
  onActualPixels: () => void;
  /** Prompts of the selected object on this frame, for the clear button. */
  promptCount: number;
  onClearPrompts: () => void;
  onion: boolean;
  onOnion: (on: boolean) => void;
  compareSplit: number;
  onCompareSplit: (split: number) => void;
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

function ToolOptions(props: ViewerToolbarProps) {
  if (props.tool === 'point') {
    return (
      <Segmented
        label="Point polarity"
        value={props.pointPositive ? 'pos' : 'neg'}
        options={[
          { value: 'pos', label: '+ Include', title: 'Clicks add the object (X toggles)' },
          { value: 'neg', label: '− Exclude', title: 'Clicks exclude (X toggles; Alt/Shift flips one click)' },
        ]}
        onChange={(v) => props.onPointPositive(v === 'pos')}
      />
    );
  }
  if (props.tool === 'brush') {
    return (
      <>
        <Segmented
          label="Brush mode"
          value={props.brushMode}
          options={[
            { value: 'add', label: '+ Add', title: 'Paint adds to the mask (Alt flips while painting)' },
            { value: 'subtract', label: '− Subtract', title: 'Paint removes from the mask' },
          ]}
          onChange={props.onBrushMode}
        />
        <label className="field inline" title="Brush radius in source pixels ([ and ])">
          Radius
          <input type="range" min={MIN_BRUSH_RADIUS} max={MAX_BRUSH_RADIUS} value={props.brushRadius} onChange={(e) => props.onBrushRadius(Number(e.target.value))} />
          <span className="mono value">{props.brushRadius}px</span>
        </label>
      </>
    );
  }
  return null;
}

export function ViewerToolbar(props: ViewerToolbarProps) {
  return (
    <div className="viewer-toolbar">
      <ToolOptions {...props} />
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
        <select data-testid="preview-mode" value={props.previewMode} onChange={(e) => props.onPreviewMode(e.target.value as PreviewMode)}>
          {PREVIEW_MODES.map((m) => (
            <option key={m.mode} value={m.mode}>
              {m.label}
            </option>
          ))}
        </select>
      </label>
      {props.previewMode === 'compare' && (
        <label className="field inline" title="Wipe between A (tracker mask, left) and B (refined matte, right)">
          A
          <input type="range" data-testid="compare-split" min={0} max={1} step={0.01} value={props.compareSplit} onChange={(e) => props.onCompareSplit(Number(e.target.value))} />B
        </label>
      )}
      <button
        type="button"
        data-testid="onion-skin"
        className={props.onion ? 'active' : ''}
        aria-pressed={props.onion}
        title="Onion skin: outline the previous frame's masks"
        onClick={() => props.onOnion(!props.onion)}
      >
        Onion
      </button>
      <button type="button" data-testid="zoom-fit" title="Fit (F)" onClick={props.onFit}>
        Fit
      </button>
      <button type="button" data-testid="zoom-1to1" title="1:1 (1)" onClick={props.onActualPixels}>
        1:1
      </button>
      <span className="mono zoom" title="Zoom">
        {Math.round(props.scale * 100)}%
      </span>
    </div>
  );
}
