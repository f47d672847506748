import type { ObjectSummary } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';

interface ObjectListProps {
  objects: readonly ObjectSummary[];
  selectedId: ObjectId | null;
  colorOf: (objectId: ObjectId) => string;
  onSelect: (objectId: ObjectId) => void;
  onColor: (objectId: ObjectId, color: string) => void;
  onCreate: () => void;
  onRemove: (objectId: ObjectId) => void;
  disabled: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function ObjectList({ objects, selectedId, colorOf, onSelect, onColor, onCreate, onRemove, disabled }: ObjectListProps) {
  return (
    <section className="panel objects">
      <header className="panel-header">
        <h2>Objects</h2>
        <button type="button" className="ghost" data-testid="add-object" disabled={disabled} onClick={onCreate} title="New object">
          + Add
        </button>
      </header>
      <ul className="object-list" data-testid="object-list" role="listbox" aria-label="Objects">
        {objects.map((o) => (
          <li
            key={o.objectId}
            role="option"
            aria-selected={o.objectId === selectedId}
            className={o.objectId === selectedId ? 'selected' : ''}
            data-testid="object-item"
            data-object-id={o.objectId}
            onClick={() => onSelect(o.objectId)}
          >
            <input
              type="color"
              className="swatch"
              value={colorOf(o.objectId)}
              title="Object colour"
              onClick={(e) => e.stopPropagation()}
              onChange={(e) => onColor(o.objectId, e.target.value)}
            />
            <span className="name">{o.name}</span>
            <span className="meta" title={`${plural(o.promptFrames.length, 'keyframe')}, ${plural(o.trackedFrames.length, 'tracked frame')}`}>
              {o.promptFrames.length}k · {o.trackedFrames.length}f
            </span>
            <button
              type="button"
              className="ghost remove"
              title={objects.length > 1 ? `Remove ${o.name}` : 'The last object stays'}
              aria-label={`Remove ${o.name}`}
              disabled={objects.length <= 1}
              onClick={(e) => {
                e.stopPropagation();
                onRemove(o.objectId);
              }}
            >
              ✕
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
