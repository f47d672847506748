import { useState, type ReactNode } from 'react';
import type { StudioApi } from '../../shared/api';
import { FileBrowser } from '../media/FileBrowser';
import { folderOf } from './projectPaths';

interface PathDialogProps {
  testId: string;
  title: string;
  label: string;
  initialPath: string;
  confirmLabel: string;
  onConfirm: (path: string) => void;
  onCancel: () => void;
  children?: ReactNode;
  /** Why the last attempt failed, shown in the dialog. */
  error: string | null;
  /** Browse the host's folders: a picked file is confirmed at once; for a folder, the one shown is the answer. */
  browse?: { api: StudioApi; pick: 'file' | 'folder'; accept?: (name: string) => boolean; onError: (error: unknown) => void };
}

/** A small modal that asks for one path on the host's machine (save as, open, relink folder). */
export function PathDialog({ testId, title, label, initialPath, confirmLabel, onConfirm, onCancel, children, error, browse }: PathDialogProps) {
  const [path, setPath] = useState(initialPath);
  return (
    <div className="dialog-backdrop" onPointerDown={(e) => e.target === e.currentTarget && onCancel()}>
      <form
        className="panel dialog"
        role="dialog"
        aria-label={title}
        data-testid={testId}
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) onConfirm(path.trim());
        }}
        onKeyDown={(e) => e.key === 'Escape' && onCancel()}
      >
        <header className="panel-header">
          <h2>{title}</h2>
        </header>
        <div className="form">
          {children}
          <label className="field">
            {label}
            <input data-testid={`${testId}-path`} type="text" spellCheck={false} autoFocus value={path} onChange={(e) => setPath(e.target.value)} />
          </label>
          {browse && (
            <div className="dialog-browser">
              <FileBrowser
                api={browse.api}
                startPath={browse.pick === 'folder' ? initialPath : folderOf(initialPath)}
                onError={browse.onError}
                accept={browse.accept}
                onFolder={browse.pick === 'folder' ? setPath : undefined}
                onPick={(picked) => {
                  if (browse.pick === 'folder') return;
                  setPath(picked);
                  onConfirm(picked);
                }}
              />
            </div>
          )}
          {error && (
            <p className="status-line error" role="alert" data-testid={`${testId}-error`}>
              {error}
            </p>
          )}
          <div className="actions">
            <button type="button" onClick={onCancel}>
              Cancel
            </button>
            <button type="submit" className="primary" data-testid={`${testId}-confirm`} disabled={!path.trim()}>
              {confirmLabel}
            </button>
          </div>
        </div>
      </form>
    </div>
  );
}
