import type { EngineInfo, OpenedMedia } from '../../shared/api';
import type { Point } from '../viewer/viewTransform';

interface StatusBarProps {
  engine: EngineInfo | undefined;
  media: OpenedMedia | null;
  hover: Point | null;
  /** The clip's matting head (its settings), when a clip is open. */
  head?: string;
}

/** The paper's head (EngineInfo.heads id) brings its own bridge: the ROI detector. */
const PAPER_HEAD = 'sam2matting';

const fpsText = ({ num, den }: { num: number; den: number }) => `${Number((num / den).toFixed(3))} fps`;

/**
 * Names may shrink away; the fallback reason keeps room, since it tells the editor what to fix. An open
 * clip's own tracker wins over the engine's expectation: a model can be installed and still fail to load.
 */
function EngineSummary({ engine, media, head }: { engine: EngineInfo | undefined; media: OpenedMedia | null; head?: string }) {
  if (!engine) return <span className="dim">Engine: connecting…</span>;
  const tracker = media?.tracker?.name ?? engine.tracker;
  const fallbackReason = media?.tracker ? media.tracker.fallbackReason : engine.fallbackReason;
  const bridge = head === PAPER_HEAD ? 'SAM2Matting ROI detector (paper)' : engine.bridge;
  const matting = (head && engine.heads.find((h) => h.id === head)?.title) || engine.matting;
  const names = `Tracker ${tracker} · Bridge ${bridge} · Matting ${matting}`;
  const models = engine.models.map((m) => `${m.title}: ${m.state}${m.reason ? ` (${m.reason})` : ''}`);
  return (
    <>
      <span className="engine-names" title={[names, ...models].join('\n')}>
        Tracker <b>{tracker}</b> · Bridge <b>{bridge}</b> · Matting <b>{matting}</b>
      </span>
      {fallbackReason && (
        <span className="engine-fallback warning" title={fallbackReason}>
          Fallback: {fallbackReason}
        </span>
      )}
    </>
  );
}

export function StatusBar({ engine, media, hover, head }: StatusBarProps) {
  const info = media?.info;
  return (
    <footer className="status-bar">
      <span className="engine-info" data-testid="engine-info">
        <EngineSummary engine={engine} media={media} head={media ? head : undefined} />
      </span>
      {info && (
        <span className="mono dim" title={info.path}>
          {info.width}×{info.height} · {fpsText(info.fps)} · {info.frameCount} frames · {info.videoCodec}
        </span>
      )}
      {info && hover && (
        <span className="mono coords">
          x {Math.floor(hover.x)} y {Math.floor(hover.y)}
        </span>
      )}
    </footer>
  );
}
