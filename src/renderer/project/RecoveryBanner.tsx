import type { Recovery } from '../../shared/api';
import { splitPath } from '../export/exportPaths';

interface RecoveryBannerProps {
  recoveries: readonly Recovery[];
  onRestore: (id: string) => void;
  onDiscard: (id: string) => void;
}

const when = (iso: string) => new Date(iso).toLocaleString();

/** Work an unclean exit left behind, offered until the editor restores or discards it. */
export function RecoveryBanner({ recoveries, onRestore, onDiscard }: RecoveryBannerProps) {
  if (recoveries.length === 0) return null;
  return (
    <div className="recovery-banner" role="status" data-testid="recovery-banner">
      <strong>Unsaved work was found from a session that did not close cleanly.</strong>
      <ul>
        {recoveries.map((r) => (
          <li key={r.id} data-testid="recovery-item">
            <span title={r.projectPath ?? r.mediaPath}>
              {splitPath(r.projectPath ?? r.mediaPath).name} · autosaved {when(r.savedAt)} · {r.objects} objects, {r.promptFrames} keyframes
            </span>
            <button type="button" className="primary" data-testid="recovery-restore" onClick={() => onRestore(r.id)}>
              Restore
            </button>
            <button type="button" data-testid="recovery-discard" onClick={() => onDiscard(r.id)}>
              Discard
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
