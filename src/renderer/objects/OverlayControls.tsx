import { useEffect, useRef, useState } from 'react';
import { OVERLAY_MODES, type ObjectPatch, type ObjectSummary, type OverlayMode } from '../../shared/api';

const MODE_LABEL: Record<OverlayMode, { label: string; title: string }> = {
  outline: { label: 'Outline', title: "Draw only the mask's outline: the subject shows through" },
  fill: { label: 'Fill', title: 'Tint the mask, no outline' },
  both: { label: 'Both', title: 'Tint the mask and outline it' },
};

/**
 * How the selected object is drawn over the frame. The opacity previews while dragged and commits once,
 * on the native change event when the slider is let go: one undo step per adjustment.
 */
export function OverlayControls({ object, onUpdate }: { object: ObjectSummary; onUpdate: (patch: ObjectPatch) => void }) {
  const slider = useRef<HTMLInputElement>(null);
  const [draft, setDraft] = useState<number | null>(null);
  const latest = useRef(onUpdate);
  useEffect(() => {
    latest.current = onUpdate;
  });
  useEffect(() => {
    const el = slider.current!;
    const onChange = () => {
      setDraft(null);
      latest.current({ opacity: Number(el.value) / 100 });
    };
    el.addEventListener('change', onChange);
    return () => el.removeEventListener('change', onChange);
  }, []);
  const percent = draft ?? Math.round(object.opacity * 100);
  return (
    <div className="overlay-options" data-testid="overlay-options">
      <span className="dim" title={`How ${object.name} is drawn over the frame`}>
        Draw
      </span>
      <div className="segmented" role="group" aria-label={`How ${object.name} is drawn`} data-testid="object-overlay">
        {OVERLAY_MODES.map((mode) => (
          <button
            key={mode}
            type="button"
            className={object.overlay === mode ? 'active' : ''}
            aria-pressed={object.overlay === mode}
            data-testid={`object-overlay-${mode}`}
            title={MODE_LABEL[mode].title}
            onClick={() => mode !== object.overlay && onUpdate({ overlay: mode })}
          >
            {MODE_LABEL[mode].label}
          </button>
        ))}
      </div>
      <label className="field inline" title="Overlay opacity (the outline is drawn twice as strong as the tint)">
        <input ref={slider} type="range" data-testid="object-opacity" min={5} max={100} step={5} value={percent} onChange={(e) => setDraft(Number(e.target.value))} />
        <span className="mono value">{percent}%</span>
      </label>
    </div>
  );
}
