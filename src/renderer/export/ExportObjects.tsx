import type { ObjectSummary } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import { toggleObject, type ExportSplit, type ObjectChoice } from './exportObjects';

interface ExportObjectsProps {
  objects: readonly ObjectSummary[];
  colorOf: (objectId: ObjectId) => string;
  choice: ObjectChoice;
  onChoice: (choice: ObjectChoice) => void;
}

export function ExportObjects({ objects, colorOf, choice, onChoice }: ExportObjectsProps) {
  return (
    <>
      <div className="field">
        Objects
        <ul className="export-objects" data-testid="export-objects">
          {objects.map((o) => (
            <li key={o.objectId}>
              <label>
                <input
                  type="checkbox"
                  data-testid="export-object"
                  data-object-id={o.objectId}
                  checked={choice.objectIds.includes(o.objectId)}
                  onChange={() => onChoice({ ...choice, objectIds: toggleObject(choice.objectIds, o.objectId) })}
                />
                <span className="dot" style={{ background: colorOf(o.objectId) }} />
                {o.name}
              </label>
            </li>
          ))}
        </ul>
      </div>
      <label className="field">
        Output
        <select data-testid="export-split" value={choice.split} onChange={(e) => onChoice({ ...choice, split: e.target.value as ExportSplit })}>
          <option value="merged">Chosen objects merged</option>
          <option value="per-object">One output per object</option>
        </select>
      </label>
    </>
  );
}
