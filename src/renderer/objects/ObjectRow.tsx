import { useState, type ReactNode } from 'react';
import type { ObjectPatch, ObjectSummary } from '../../shared/api';
import { ColorSwatch } from './ColorSwatch';
import { EyeIcon, LockIcon, SoloIcon } from './objectIcons';

interface ObjectRowProps {
  object: ObjectSummary;
  color: string;
  selected: boolean;
  soloed: boolean;
  /** Another object is soloed, so this one is not drawn whatever its own visibility. */
  mutedBySolo: boolean;
  canRemove: boolean;
  onSelect: () => void;
  onUpdate: (patch: ObjectPatch) => void;
  onSolo: () => void;
  onRemove: () => void;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function Toggle({ on, title, testId, onClick, children }: { on: boolean; title: string; testId: string; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      className={`ghost toggle${on ? ' on' : ''}`}
      data-testid={testId}
      title={title}
      aria-label={title}
      aria-pressed={on}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {children}
    </button>
  );
}

/** The name, or while renaming a field that commits on Enter or blur and gives up on Escape. */
function ObjectName({ name, onRename }: { name: string; onRename: (name: string) => void }) {
  const [draft, setDraft] = useState<string | null>(null);
  if (draft === null) {
    return (
      <span className="name" data-testid="object-name" title="Double-click to rename" onDoubleClick={() => setDraft(name)}>
        {name}
      </span>
    );
  }
  const commit = () => {
    const next = draft.trim();
    setDraft(null);
    if (next && next !== name) onRename(next);
  };
  return (
    <input
      className="name-input"
      data-testid="object-rename"
      aria-label="Object name"
      autoFocus
      value={draft}
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(null);
      }}
    />
  );
}

export function ObjectRow({ object: o, color, selected, soloed, mutedBySolo, canRemove, onSelect, onUpdate, onSolo, onRemove }: ObjectRowProps) {
  const classes = [selected && 'selected', (o.hidden || mutedBySolo) && 'muted', o.locked && 'locked'].filter(Boolean).join(' ');
  return (
    <li
      role="option"
      aria-selected={selected}
      className={classes}
      data-testid="object-item"
      data-object-id={o.objectId}
      data-hidden={o.hidden}
      data-locked={o.locked}
      onClick={onSelect}
    >
      <ColorSwatch color={color} onCommit={(next) => next !== o.color && onUpdate({ color: next })} />
      <ObjectName name={o.name} onRename={(name) => onUpdate({ name })} />
      <span className="meta" title={`${plural(o.promptFrames.length, 'keyframe')}, ${plural(o.trackedFrames.length, 'tracked frame')}`}>
        {o.promptFrames.length}k · {o.trackedFrames.length}f
      </span>
      <Toggle on={!o.hidden} testId="object-visible" title={o.hidden ? `Show ${o.name}` : `Hide ${o.name}`} onClick={() => onUpdate({ hidden: !o.hidden })}>
        <EyeIcon off={o.hidden} />
      </Toggle>
      <Toggle on={soloed} testId="object-solo" title={soloed ? 'Show all objects' : `Show only ${o.name}`} onClick={onSolo}>
        <SoloIcon />
      </Toggle>
      <Toggle on={o.locked} testId="object-lock" title={o.locked ? `Unlock ${o.name}` : `Lock ${o.name} against edits`} onClick={() => onUpdate({ locked: !o.locked })}>
        <LockIcon open={!o.locked} />
      </Toggle>
      <button
        type="button"
        className="ghost remove"
        data-testid="object-remove"
        title={canRemove ? `Remove ${o.name} (undo brings it back)` : 'The last object stays'}
        aria-label={`Remove ${o.name}`}
        disabled={!canRemove || o.locked}
        onClick={(e) => {
          e.stopPropagation();
          onRemove();
        }}
      >
        ✕
      </button>
    </li>
  );
}
