import { useState } from 'react';
import type { EngineInfo } from '../../shared/api';
import { licenceTerms } from '../../shared/licence';
import type { ModelStatus } from '../../shared/models';
import { ProgressBar } from '../jobs/ProgressBar';
import type { Download, Note } from './downloadState';
import { canDownload, canRemove, downloadSizeText, downloadText, fallbackText, formatBytes, moduleProviders, percentOf, providerSummary, STATE_LABEL } from './modelsView';
import type { ModelsState } from './useModels';
import './models.css';

interface ModelsPanelProps {
  /** The app holds the models' state, so downloads keep their progress while the panel is closed. */
  models: ModelsState;
  open: boolean;
  onClose: () => void;
}

/** The model manager: what runs now, which model suits this machine, what is installed and where it runs, and download / import / remove. */
export function ModelsPanel({ models, open, onClose }: ModelsPanelProps) {
  const [importTarget, setImportTarget] = useState<string | null>(null);
  if (!open) return null;
  return (
    <div className="dialog-backdrop" onPointerDown={(e) => e.target === e.currentTarget && onClose()}>
      <section className="panel dialog models-panel" data-testid="models-panel" role="dialog" aria-label="Models">
        <header className="panel-header">
          <h2>Models</h2>
          <button type="button" className="ghost" aria-label="Close models" title="Close" onClick={onClose}>
            ✕
          </button>
        </header>
        {models.listError && <p className="status-line error models-note">{models.listError}</p>}
        {models.models === null && !models.listError && <p className="dim models-note">Checking the models folder…</p>}
        {models.engine && <EngineAdvice engine={models.engine} models={models.models ?? []} />}
        <ul className="model-list">
          {models.models?.map((status) => (
            <ModelRow
              key={status.id}
              status={status}
              providers={models.engine?.providers ?? {}}
              suggested={models.engine?.suggestedTracker?.modelId === status.id}
              download={models.downloads[status.id]}
              note={models.notes[status.id]}
              working={models.working[status.id]}
              importing={importTarget === status.id}
              onDownload={(acceptedLicence) => void models.download(status.id, acceptedLicence)}
              onCancel={() => models.cancel(status.id)}
              onRemove={() => void models.remove(status.id)}
              onToggleImport={() => setImportTarget((t) => (t === status.id ? null : status.id))}
              onImport={(path) => void models.importFrom(status.id, path).then(() => setImportTarget(null))}
            />
          ))}
        </ul>
      </section>
    </div>
  );
}

/** What runs now, the model that suits this machine, and what the fallback can and cannot do. */
function EngineAdvice({ engine, models }: { engine: EngineInfo; models: ModelStatus[] }) {
  const suggestion = engine.suggestedTracker;
  const suggested = suggestion && models.find((m) => m.id === suggestion.modelId);
  return (
    <div className="models-advice" data-testid="models-advice">
      <p data-testid="models-engine">
        Running now: <strong>{engine.tracker}</strong>
        {engine.fallbackReason && <span className="dim"> ({engine.fallbackReason})</span>}
      </p>
      {suggested && (
        <p data-testid="models-suggestion">
          Suits this machine: <strong>{suggested.title}</strong>. {suggestion.why}
        </p>
      )}
      <p className="dim" data-testid="models-fallback">
        {engine.fallbackLimits}
      </p>
    </div>
  );
}

interface ModelRowProps {
  status: ModelStatus;
  providers: Record<string, string>;
  /** The model that suits this machine. */
  suggested: boolean;
  download: Download | undefined;
  note: Note | undefined;
  working: 'import' | 'remove' | undefined;
  importing: boolean;
  /** `acceptedLicence`: the licence ticked as accepted, for a model that asks. */
  onDownload: (acceptedLicence?: string) => void;
  onCancel: () => void;
  onRemove: () => void;
  onToggleImport: () => void;
  onImport: (path: string) => void;
}

function ModelRow({ status, providers, suggested, download, note, working, importing, onDownload, onCancel, onRemove, onToggleImport, onImport }: ModelRowProps) {
  const [path, setPath] = useState('');
  // A licence that restricts use is accepted here, per model, before a download or an import.
  const [accepted, setAccepted] = useState(false);
  const asks = status.requiresLicenceAcceptance === true && !!status.licence;
  const blocked = asks && !accepted;
  const provider = providerSummary(status, providers);
  const busy = download !== undefined || working !== undefined;
  return (
    <li className="model-row" data-testid="model-row" data-model-id={status.id} data-state={status.state}>
      <div className="model-head">
        <span className="model-title">{status.title}</span>
        <span className={`model-state ${status.state}`} data-testid="model-state">
          {STATE_LABEL[status.state]}
        </span>
        {suggested && (
          <span className="model-state suggested" data-testid="model-suggested">
            Suits this machine
          </span>
        )}
        <span className="spacer" />
        <span className="mono dim" data-testid="model-size" title="On disk">
          {formatBytes(status.sizeBytes || null)}
        </span>
      </div>
      <div className="model-meta dim">
        <span className="mono">{status.id}</span>
        {status.licence && (
          <span data-testid="model-licence">
            {status.licence}
            {status.requiresLicenceAcceptance ? ` · ${licenceTerms(status.licence)}` : ''}
          </span>
        )}
        {status.download && <span data-testid="model-download-size">Download {downloadSizeText(status.download)}</span>}
        {status.state === 'installed' && (
          <span title={fallbackText(status.modules)} data-testid="model-provider">
            {provider ? `Runs on ${provider}` : 'Not loaded yet'}
          </span>
        )}
        {status.sizeBytes ? <span>{status.pinned ? 'Checksums pinned' : 'Not yet pinned'}</span> : null}
      </div>
      {status.modules && status.modules.length > 0 && <ModuleFiles status={status} providers={providers} />}
      {status.reason && (
        <p className="model-reason" data-testid="model-reason">
          {status.reason}
        </p>
      )}
      {download && (
        <div className="model-progress">
          <ProgressBar testId="model-download-progress" percent={percentOf(download.done, download.total)} label={`Download of ${status.title}`} />
          <span className="mono dim">{downloadText(download.done, download.total)}</span>
        </div>
      )}
      {note && (
        <p className={`status-line${note.error ? ' error' : ''}`} data-testid="model-note">
          {note.text}
        </p>
      )}
      {asks && status.state !== 'installed' && (
        <label className="model-licence-accept">
          <input type="checkbox" data-testid="model-licence-accept" checked={accepted} disabled={busy} onChange={(e) => setAccepted(e.target.checked)} />
          <span>
            I accept the licence of {status.title}:{' '}
            {status.licenceUrl ? (
              <a href={status.licenceUrl} target="_blank" rel="noreferrer">
                {status.licence}
              </a>
            ) : (
              status.licence
            )}
            , <strong>{licenceTerms(status.licence!)}</strong>.
          </span>
        </label>
      )}
      <div className="actions">
        {download ? (
          <button type="button" data-testid="model-cancel" disabled={!download.jobId} onClick={onCancel}>
            Cancel download
          </button>
        ) : (
          canDownload(status) && (
            <button
              type="button"
              className="primary"
              data-testid="model-download"
              disabled={busy || blocked}
              title={blocked ? 'Accept its licence first' : undefined}
              onClick={() => onDownload(asks ? status.licence : undefined)}
            >
              Download
            </button>
          )
        )}
        <button
          type="button"
          data-testid="model-import-toggle"
          disabled={busy || (blocked && status.state !== 'installed')}
          title={blocked && status.state !== 'installed' ? 'Accept its licence first' : undefined}
          aria-expanded={importing}
          onClick={onToggleImport}
        >
          Import…
        </button>
        {canRemove(status) && (
          <button type="button" data-testid="model-remove" disabled={busy} onClick={onRemove}>
            {working === 'remove' ? 'Removing…' : 'Remove'}
          </button>
        )}
      </div>
      {importing && (
        <form
          className="model-import"
          onSubmit={(e) => {
            e.preventDefault();
            if (path.trim()) onImport(path.trim());
          }}
        >
          <input
            type="text"
            data-testid="model-import-path"
            spellCheck={false}
            placeholder={
              status.family === 'sam2matting-heads' ? 'Its official .pt checkpoint (the heads graph is built from it)' : "Folder with the model's .onnx files, or one file"
            }
            aria-label={`Import ${status.title} from`}
            value={path}
            onChange={(e) => setPath(e.target.value)}
          />
          <button type="submit" data-testid="model-import" disabled={busy || !path.trim() || (blocked && status.state !== 'installed')}>
            {working === 'import' ? 'Importing…' : 'Import'}
          </button>
        </form>
      )}
    </li>
  );
}

/** Each module file: size, the provider it runs on, and the hash it is checked against. */
function ModuleFiles({ status, providers }: { status: ModelStatus; providers: Record<string, string> }) {
  const running = new Map(moduleProviders(status, providers).map((r) => [r.role, r.provider]));
  const modules = status.modules ?? [];
  return (
    <details className="model-files">
      <summary className="dim">
        {modules.length} file{modules.length === 1 ? '' : 's'}
      </summary>
      <table data-testid="model-files">
        <tbody>
          {modules.map((m) => (
            <tr key={m.role} title={(m.fallbackReasons ?? []).join('\n') || undefined}>
              <td>{m.role}</td>
              <td className="mono">{m.file}</td>
              <td className="mono num">{m.sizeBytes === null ? 'missing' : formatBytes(m.sizeBytes)}</td>
              <td>{running.get(m.role) ?? ''}</td>
              <td className="mono dim" title={m.sha256 ?? undefined}>
                {m.sha256 ? `sha256 ${m.sha256.slice(0, 12)}…` : m.sizeBytes === null ? '' : 'not pinned'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
