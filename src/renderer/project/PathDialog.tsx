import { useState, type ReactNode } from 'react';

interface PathDialogProps {
  testId: string;
  title: string;
  label: string;
  initialPath: string;
  confirmLabel: string;
  onConfirm: (path: string) => void;
  onCancel: () => void;
  children?: ReactNode;
}

/** A small modal that asks for one path on the host's machine (save as, open, relink folder). */
export function PathDialog({ testId, title, label, initialPath, confirmLabel, onConfirm, onCancel, children }: PathDialogProps) {
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
