import type { EngineInfo, OpenedMedia } from '../../shared/api';
import type { Point } from '../viewer/viewTransform';

interface StatusBarProps {
  engine: EngineInfo | undefined;
  media: OpenedMedia | null;
  hover: Point | null;
}

const fpsText = ({ num, den }: { num: number; den: number }) => `${Number((num / den).toFixed(3))} fps`;

function EngineSummary({ engine }: { engine: EngineInfo | undefined }) {
  if (!engine) return <span className="dim">Engine: connecting…</span>;
  const models = engine.models.map((m) => `${m.title}: ${m.state}${m.reason ? ` (${m.reason})` : ''}`).join('\n');
  return (
    <span title={models || undefined}>
      Tracker <b>{engine.tracker}</b> · Bridge <b>{engine.bridge}</b> · Matting <b>{engine.matting}</b>
      {engine.fallbackReason && <span className="warning"> · Fallback: {engine.fallbackReason}</span>}
    </span>
  );
}

export function StatusBar({ engine, media, hover }: StatusBarProps) {
  const info = media?.info;
  return (
    <footer className="status-bar">
      <span className="engine-info" data-testid="engine-info">
        <EngineSummary engine={engine} />
      </span>
      <span className="spacer" />
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
