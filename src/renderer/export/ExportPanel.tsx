import { useEffect, useRef, useState } from 'react';
import {
  defaultAlphaMode,
  EXR_DEFAULTS,
  isGreyFormat,
  type AlphaMode,
  type ExportFormat,
  type ExportRequest,
  type ExrCompression,
  type ObjectSummary,
  type OpenedMedia,
} from '../../shared/api';
import type { FrameRange } from '../../shared/common/frame-range';
import type { ObjectId } from '../../shared/prompts';
import { ProgressBar } from '../jobs/ProgressBar';
import { exportStatusText, progressPercent, type JobsState } from '../jobs/jobState';
import { clampFrame } from '../timeline/segments';
import { ExportObjects } from './ExportObjects';
import { objectRequest, type ObjectChoice } from './exportObjects';
import { defaultExportPath } from './exportPaths';

interface ExportPanelProps {
  media: OpenedMedia;
  /** Where the output goes unless the editor types another path: the project's folder or the work folder. */
  outputFolder: string;
  /** The in/out points' frames, the range offered first. */
  defaultRange: FrameRange;
  objects: readonly ObjectSummary[];
  colorOf: (objectId: ObjectId) => string;
  /** Objects chosen at first: those the viewer shows. */
  initialObjectIds: readonly ObjectId[];
  jobs: JobsState;
  onStart: (request: ExportRequest) => void;
  onCancel: () => void;
  onClose: () => void;
}

const FORMATS: ReadonlyArray<{ format: ExportFormat; label: string }> = [
  { format: 'prores4444', label: 'ProRes 4444 (.mov, RGBA)' },
  { format: 'png', label: 'PNG RGBA sequence' },
  { format: 'matte', label: 'Matte pass (PNG, alpha only)' },
  { format: 'mask', label: 'Tracker mask (PNG, 0/255, no matting)' },
  { format: 'exr', label: 'OpenEXR sequence (linear half float, a layer per object)' },
];

const EXR_COMPRESSION_LABELS: ReadonlyArray<{ compression: ExrCompression; label: string }> = [
  { compression: 'zip', label: 'ZIP (16 scanlines)' },
  { compression: 'zips', label: 'ZIPS (1 scanline)' },
  { compression: 'none', label: 'None' },
];

/** A docked panel rather than a modal: the viewer and timeline stay usable during an export. */
export function ExportPanel({ media, outputFolder, defaultRange, objects, colorOf, initialObjectIds, jobs, onStart, onCancel, onClose }: ExportPanelProps) {
  const { info, mediaId } = media;
  const isSequence = info.kind === 'sequence';
  const lastFrame = info.frameCount - 1;
  const [format, setFormat] = useState<ExportFormat>('prores4444');
  const [outputPath, setOutputPath] = useState(() => defaultExportPath(info.path, 'prores4444', isSequence, outputFolder));
  const [alphaMode, setAlphaMode] = useState<AlphaMode>(defaultAlphaMode('prores4444'));
  const [compression, setCompression] = useState<ExrCompression>(EXR_DEFAULTS.compression);
  const [objectColour, setObjectColour] = useState(EXR_DEFAULTS.objectColour);
  // The two ends as typed, in either order until the export starts.
  const [from, setFrom] = useState(defaultRange.start);
  const [to, setTo] = useState(defaultRange.end);
  // Docked below the other panels: bring it into view when it opens.
  const panel = useRef<HTMLElement>(null);
  useEffect(() => {
    // A block body: newer Chromium returns a promise here, which React would take for a cleanup.
    panel.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const [choice, setChoice] = useState<ObjectChoice>({ objectIds: [...initialObjectIds], split: 'merged' });
  const chosen = objectRequest(
    choice,
    objects.map((o) => o.objectId),
  );

  const changeFormat = (next: ExportFormat) => {
    // Follow the format only while the editor has not typed a path, or picked a colour mode, of their own.
    if (outputPath === defaultExportPath(info.path, format, isSequence, outputFolder)) setOutputPath(defaultExportPath(info.path, next, isSequence, outputFolder));
    if (alphaMode === defaultAlphaMode(format)) setAlphaMode(defaultAlphaMode(next));
    setFormat(next);
  };

  const running = jobs.running;
  const exporting = running?.kind === 'export';
  const start = () =>
    !('error' in chosen) &&
    onStart({
      ...chosen,
      mediaId,
      format,
      outputPath: outputPath.trim(),
      alphaMode,
      ...(format === 'exr' && { exr: { compression, objectColour } }),
      range: { start: Math.min(from, to), end: Math.max(from, to) },
    });

  return (
    <aside ref={panel} className="panel export-panel" data-testid="export-dialog" role="dialog" aria-label="Export">
      <header className="panel-header">
        <h2>Export</h2>
        <button type="button" className="ghost" aria-label="Close export" title="Close" onClick={onClose}>
          ✕
        </button>
      </header>
      <div className="form">
        <label className="field">
          Format
          <select data-testid="export-format" value={format} onChange={(e) => changeFormat(e.target.value as ExportFormat)}>
            {FORMATS.map((f) => (
              <option key={f.format} value={f.format}>
                {f.label}
              </option>
            ))}
          </select>
        </label>
        <ExportObjects objects={objects} colorOf={colorOf} choice={choice} onChoice={setChoice} />
        <label className="field">
          {format === 'prores4444' ? 'Output file' : 'Output folder'}
          {choice.split === 'per-object' && <span className="dim"> (one per object, named after it)</span>}
          <input data-testid="export-path" type="text" spellCheck={false} value={outputPath} onChange={(e) => setOutputPath(e.target.value)} />
        </label>
        <label className="field">
          Colour
          <select data-testid="export-alpha-mode" value={alphaMode} disabled={isGreyFormat(format)} onChange={(e) => setAlphaMode(e.target.value as AlphaMode)}>
            <option value="straight">Straight (unpremultiplied)</option>
            <option value="premultiplied">Premultiplied</option>
          </select>
        </label>
        {format === 'exr' && (
          <>
            <label className="field">
              Compression
              <select data-testid="export-exr-compression" value={compression} onChange={(e) => setCompression(e.target.value as ExrCompression)}>
                {EXR_COMPRESSION_LABELS.map((c) => (
                  <option key={c.compression} value={c.compression}>
                    {c.label}
                  </option>
                ))}
              </select>
            </label>
            <label className="field inline" title="Each object's layer gets its foreground colour (layer.R, .G, .B) beside its matte (layer.A)">
              <input type="checkbox" data-testid="export-exr-object-colour" checked={objectColour} onChange={(e) => setObjectColour(e.target.checked)} />
              Colour in each object's layer
            </label>
          </>
        )}
        <div className="field">
          Frames
          <div className="range-inputs">
            <input
              type="number"
              data-testid="export-range-start"
              aria-label="First frame"
              min={0}
              max={lastFrame}
              value={from}
              onChange={(e) => setFrom(clampFrame(Number(e.target.value), info.frameCount))}
            />
            <span className="dim">to</span>
            <input
              type="number"
              data-testid="export-range-end"
              aria-label="Last frame"
              min={0}
              max={lastFrame}
              value={to}
              onChange={(e) => setTo(clampFrame(Number(e.target.value), info.frameCount))}
            />
            <button
              type="button"
              className="ghost"
              title="Whole clip"
              onClick={() => {
                setFrom(0);
                setTo(lastFrame);
              }}
            >
              All
            </button>
          </div>
        </div>
        <div className="actions">
          <button type="button" className="primary" data-testid="export-start" disabled={running !== null || !outputPath.trim() || 'error' in chosen} onClick={start}>
            Start export
          </button>
          {exporting && (
            <button type="button" data-testid="export-cancel" disabled={!running.jobId} onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
        {'error' in chosen && <p className="status-line error">{chosen.error}</p>}
        {exporting && <ProgressBar testId="export-progress" percent={progressPercent(running)} label="Export progress" />}
        <p className={`status-line${jobs.last.export?.status === 'error' && !exporting ? ' error' : ''}`} data-testid="export-status" aria-live="polite">
          {exportStatusText(jobs)}
        </p>
      </div>
    </aside>
  );
}
