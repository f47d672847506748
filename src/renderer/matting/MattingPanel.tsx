import { useState } from 'react';
import type { HeadInfo, ObjectSummary } from '../../shared/api';
import type { MattingQuality } from '../../shared/engine';
import { formatMatteControl, MATTE_CONTROLS, NEUTRAL_MATTE, type MatteControls, type MatteControlSpec } from '../../shared/matte-controls';
import type { MattingSettings } from './useMattingSettings';

interface MattingPanelProps {
  settings: MattingSettings | null;
  heads: readonly HeadInfo[];
  onChange: (patch: Partial<MattingSettings>) => void;
  /** The selected object, whose matte controls the panel shows. */
  object: ObjectSummary | undefined;
  onMatteChange: (patch: Partial<MatteControls>) => void;
}

const QUALITIES: ReadonlyArray<{ value: MattingQuality; label: string; title: string }> = [
  { value: 'preview', label: 'Preview', title: 'Fast: for judging edges while working' },
  { value: 'final', label: 'Final', title: 'Exact: slower, what exports should use' },
];

/** shiftEdge → shift-edge: each control's test id. */
const testId = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/** A control's slider sends one change when released, not one per pixel dragged: each change is an undo step and a new matte. */
function ControlSlider({ spec, value, onCommit }: { spec: MatteControlSpec; value: number; onCommit: (value: number) => void }) {
  const [draft, setDraft] = useState<number | null>(null);
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft);
    setDraft(null);
  };
  const shown = draft ?? value;
  return (
    <label className="field" title={spec.title}>
      {spec.label}
      <span className="field inline">
        <input
          type="range"
          data-testid={testId(spec.key)}
          min={spec.min}
          max={spec.max}
          step={spec.step}
          value={shown}
          onChange={(e) => setDraft(Number(e.target.value))}
          onPointerUp={commit}
          onKeyUp={commit}
          onBlur={commit}
        />
        <span className="mono value">{formatMatteControl(spec, shown)}</span>
      </span>
    </label>
  );
}

function MatteControlsSection({ object, onMatteChange }: Pick<MattingPanelProps, 'object' | 'onMatteChange'>) {
  if (!object) return <p className="dim">Select an object for its matte controls.</p>;
  const neutral = MATTE_CONTROLS.every((s) => object.matte[s.key] === NEUTRAL_MATTE[s.key]);
  return (
    <fieldset className="matte-controls" data-testid="matte-controls">
      <legend>
        Matte controls · <span className="object-name">{object.name}</span>
      </legend>
      {MATTE_CONTROLS.map((spec) => (
        <ControlSlider key={spec.key} spec={spec} value={object.matte[spec.key]} onCommit={(value) => onMatteChange({ [spec.key]: value })} />
      ))}
      <button
        type="button"
        className="ghost"
        data-testid="matte-reset"
        disabled={neutral}
        title="Back to controls that change nothing"
        onClick={() => onMatteChange(NEUTRAL_MATTE)}
      >
        Reset
      </button>
    </fieldset>
  );
}

export function MattingPanel({ settings, heads, onChange, object, onMatteChange }: MattingPanelProps) {
  const head = heads.find((h) => h.id === settings?.head);
  const unavailable = heads.filter((h) => !h.available);
  return (
    <section className="panel matting-panel" data-testid="matting-panel">
      <header className="panel-header">
        <h2>Matte</h2>
      </header>
      <div className="form">
        <label className="field">
          Matting head
          <select data-testid="matting-head" disabled={!settings} value={settings?.head ?? ''} onChange={(e) => onChange({ head: e.target.value })}>
            {heads.map((h) => (
              <option key={h.id} value={h.id} disabled={!h.available}>
                {h.title}
                {h.available ? '' : ' (unavailable)'}
              </option>
            ))}
          </select>
        </label>
        {head && !head.available && <p className="status-line error">{head.reason}</p>}
        <div className="field">
          Quality
          <div className="segmented" role="group" aria-label="Matting quality">
            {QUALITIES.map((q) => (
              <button
                key={q.value}
                type="button"
                data-testid={`quality-${q.value}`}
                className={settings?.quality === q.value ? 'active' : ''}
                aria-pressed={settings?.quality === q.value}
                disabled={!settings}
                title={q.title}
                onClick={() => onChange({ quality: q.value })}
              >
                {q.label}
              </button>
            ))}
          </div>
        </div>
        {unavailable.length > 0 && (
          <details className="head-reasons dim" data-testid="head-reasons">
            <summary>
              {unavailable.length} {unavailable.length === 1 ? 'head' : 'heads'} unavailable
            </summary>
            <ul>
              {unavailable.map((h) => (
                <li key={h.id}>{h.reason ?? `${h.title} is unavailable.`}</li>
              ))}
            </ul>
          </details>
        )}
        <MatteControlsSection object={object} onMatteChange={onMatteChange} />
      </div>
    </section>
  );
}
