import type { PendingReplace } from './useUnsavedGuard';

interface UnsavedDialogProps {
  pending: PendingReplace;
  /** The open project's file name, or its clip's before the first save. */
  name: string;
  /** Saves to the project file; null while there is none (the editor saves with Ctrl+S first, choosing where). */
  onSave: (() => Promise<boolean>) | null;
  onProceed: () => void;
  onCancel: () => void;
}

/** Asks before the open clip's unsaved changes leave the editor. */
export function UnsavedDialog({ pending, name, onSave, onProceed, onCancel }: UnsavedDialogProps) {
  return (
    <div className="dialog-backdrop" onPointerDown={(e) => e.target === e.currentTarget && onCancel()}>
      <section className="panel dialog" role="alertdialog" aria-label="Unsaved changes" data-testid="unsaved-dialog" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
        <header className="panel-header">
          <h2>Unsaved changes</h2>
        </header>
        <div className="form">
          <p className="dialog-message" data-testid="unsaved-message">
            {name} has changes that are not saved. Open {pending.what} anyway?
          </p>
          <p className="dialog-message dim">They are kept in the autosave, and the app offers them again when it next starts, until you discard them.</p>
          <div className="actions">
            <button type="button" data-testid="unsaved-cancel" autoFocus onClick={onCancel}>
              Cancel
            </button>
            {onSave && (
              <button type="button" data-testid="unsaved-save" onClick={() => void onSave().then((saved) => (saved ? onProceed() : onCancel()))}>
                Save, then open
              </button>
            )}
            <button type="button" className="primary" data-testid="unsaved-open" onClick={onProceed}>
              Open without saving
            </button>
          </div>
        </div>
      </section>
    </div>
  );
}
