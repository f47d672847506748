import type { ReactNode } from 'react';
import type { EngineInfo, OpenedMedia } from '../../shared/api';
import type { Point } from '../viewer/viewTransform';

interface StatusBarProps {
  engine: EngineInfo | undefined;
  media: OpenedMedia | null;
  hover: Point | null;
  /** Shown beside the fallback reason: what ends the fallback. */
  fallbackAction: ReactNode;
}

const fpsText = ({ num, den }: { num: number; den: number }) => `${Number((num / den).toFixed(3))} fps`;

/**
 * Names may shrink away; the fallback reason keeps room, since it tells the editor what to fix. An open
 * clip's own tracker wins over the engine's expectation: a model can be installed and still fail to load.
 */
function EngineSummary({ engine, media, fallbackAction }: Omit<StatusBarProps, 'hover'>) {
  if (!engine) return <span className="dim">Engine: connecting…</span>;
  const tracker = media?.tracker?.name ?? engine.tracker;
  const fallbackReason = media?.tracker ? media.tracker.fallbackReason : engine.fallbackReason;
  const names = `Tracker ${tracker} · Bridge ${engine.bridge} · Matting ${engine.matting}`;
  const models = engine.models.map((m) => `${m.title}: ${m.state}${m.reason ? ` (${m.reason})` : ''}`);
  return (
    <>
      <span className="engine-names" title={[names, ...models].join('\n')}>
        Tracker <b>{tracker}</b> · Bridge <b>{engine.bridge}</b> · Matting <b>{engine.matting}</b>
      </span>
      {fallbackReason && (
        <span className="engine-fallback warning" title={fallbackReason}>
          Fallback: {fallbackReason}
        </span>
      )}
      {fallbackReason && fallbackAction}
    </>
  );
}

export function StatusBar({ engine, media, hover, fallbackAction }: StatusBarProps) {
  const info = media?.info;
  return (
    <footer className="status-bar">
      <span className="engine-info" data-testid="engine-info">
        <EngineSummary engine={engine} media={media} fallbackAction={fallbackAction} />
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
