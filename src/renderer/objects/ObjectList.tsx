import type { ObjectPatch, ObjectSummary } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import { useEditor } from '../editor/store';
import { ObjectRow } from './ObjectRow';
import { OverlayControls } from './OverlayControls';

interface ObjectListProps {
  objects: readonly ObjectSummary[];
  soloId: ObjectId | null;
  colorOf: (objectId: ObjectId) => string;
  onUpdate: (objectId: ObjectId, patch: ObjectPatch) => void;
  onSolo: (objectId: ObjectId) => void;
  onCreate: () => void;
  onRemove: (objectId: ObjectId) => void;
  /** Each pixel belongs to one object only (a project setting). */
  exclusive: boolean;
  onExclusive: (exclusive: boolean) => void;
  disabled: boolean;
}

export function ObjectList({ objects, soloId, colorOf, onUpdate, onSolo, onCreate, onRemove, exclusive, onExclusive, disabled }: ObjectListProps) {
  const selectedId = useEditor((s) => s.selectedId);
  const onSelect = useEditor((s) => s.select);
  const selected = objects.find((o) => o.objectId === selectedId);
  return (
    <section className="panel objects">
      <header className="panel-header">
        <h2>Objects</h2>
        <button
          type="button"
          className={`ghost toggle${exclusive ? ' on' : ''}`}
          data-testid="objects-exclusive"
          aria-pressed={exclusive}
          disabled={disabled}
          title={
            exclusive
              ? 'Objects are exclusive: each pixel belongs to the most likely object, in the viewer and in exports. Click to let them overlap.'
              : 'Let each pixel belong to one object only (the most likely), in the viewer and in exports'
          }
          onClick={() => onExclusive(!exclusive)}
        >
          Exclusive
        </button>
        <button type="button" className="ghost" data-testid="add-object" disabled={disabled} onClick={onCreate} title="New object">
          + Add
        </button>
      </header>
      <ul className="object-list" data-testid="object-list" role="listbox" aria-label="Objects">
        {objects.map((o) => (
          <ObjectRow
            key={o.objectId}
            object={o}
            color={colorOf(o.objectId)}
            selected={o.objectId === selectedId}
            soloed={o.objectId === soloId}
            mutedBySolo={soloId !== null && soloId !== o.objectId}
            canRemove={objects.length > 1}
            onSelect={() => onSelect(o.objectId)}
            onUpdate={(patch) => onUpdate(o.objectId, patch)}
            onSolo={() => onSolo(o.objectId)}
            onRemove={() => onRemove(o.objectId)}
          />
        ))}
      </ul>
      {/* Below the list rather than in the row: selecting an object must not move the rows under the pointer. */}
      {selected && <OverlayControls object={selected} onUpdate={(patch) => onUpdate(selected.objectId, patch)} />}
    </section>
  );
}
