import { useState } from 'react';
import type { HeadInfo } from '../../shared/api';
import type { MattingQuality } from '../../shared/engine';
import type { MattingSettings } from './useMattingSettings';

interface MattingPanelProps {
  settings: MattingSettings | null;
  heads: readonly HeadInfo[];
  onChange: (patch: Partial<MattingSettings>) => void;
}

const QUALITIES: ReadonlyArray<{ value: MattingQuality; label: string; title: string }> = [
  { value: 'preview', label: 'Preview', title: 'Fast: for judging edges while working' },
  { value: 'final', label: 'Final', title: 'Exact: slower, what exports should use' },
];

/** The stability slider sends one change when released, not one per pixel dragged. */
function StabilitySlider({ value, onCommit }: { value: number; onCommit: (value: number) => void }) {
  const [draft, setDraft] = useState<number | null>(null);
  const commit = () => {
    if (draft !== null && draft !== value) onCommit(draft);
    setDraft(null);
  };
  const shown = draft ?? value;
  return (
    <label className="field" title="Reduces frame-to-frame chatter of the matte; higher is steadier but may lag fast motion">
      Temporal stability
      <span className="field inline">
        <input
          type="range"
          data-testid="temporal-stability"
          min={0}
          max={1}
          step={0.05}
          value={shown}
          onChange={(e) => setDraft(Number(e.target.value))}
          onPointerUp={commit}
          onKeyUp={commit}
          onBlur={commit}
        />
        <span className="mono value">{shown === 0 ? 'off' : shown.toFixed(2)}</span>
      </span>
    </label>
  );
}

export function MattingPanel({ settings, heads, onChange }: MattingPanelProps) {
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
        {settings && <StabilitySlider value={settings.temporalStability} onCommit={(temporalStability) => onChange({ temporalStability })} />}
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
      </div>
    </section>
  );
}
