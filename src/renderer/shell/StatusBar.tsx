import type { ReactNode } from 'react';
import type { EngineInfo, OpenedMedia } from '../../shared/api';
import { useShownMatte } from '../editor/FrameProvider';
import { selectMedia, useEditor } from '../editor/store';
import { chosenLabel, type MattingLabel } from '../matting/matteLabel';
import { FallbackOffer } from '../models/FallbackOffer';
import { trackerOffer } from '../models/trackerOffer';
import { useStudio } from './StudioProvider';

interface EngineSummaryProps {
  engine: EngineInfo | undefined;
  /** The head and quality of the matte on screen (or the project's choice when none is). */
  matting: MattingLabel | null;
  /** Shown beside the fallback reason: what ends the fallback. */
  fallbackAction: ReactNode;
  /** The head (EngineInfo.heads id) of the matte on screen, else the clip's chosen one, when a clip is open. */
  head?: string;
}

/** The paper's head (EngineInfo.heads id) brings its own bridge: the ROI detector. */
const PAPER_HEAD = 'sam2matting';

const fpsText = ({ num, den }: { num: number; den: number }) => `${Number((num / den).toFixed(3))} fps`;

/**
 * Names may shrink away; the fallback reason keeps room, since it tells the editor what to fix, and so
 * does the matting label, short and changing with the matte on screen. An open clip's own tracker wins
 * over the engine's expectation: a model can be installed and still fail to load. Matting names what made
 * the matte on screen: the engine alone cannot know the project's head.
 */
function EngineSummary({ engine, media, matting, fallbackAction, head }: EngineSummaryProps & { media: OpenedMedia | null }) {
  if (!engine) return <span className="dim">Engine: connecting…</span>;
  const tracker = media?.tracker?.name ?? engine.tracker;
  const fallbackReason = media?.tracker ? media.tracker.fallbackReason : engine.fallbackReason;
  const bridge = head === PAPER_HEAD ? 'SAM2Matting ROI detector (paper)' : engine.bridge;
  const names = `Tracker ${tracker} · Bridge ${bridge}${matting ? ` · Matting ${matting.text}` : ''}`;
  const models = engine.models.map((m) => `${m.title}: ${m.state}${m.reason ? ` (${m.reason})` : ''}`);
  return (
    <>
      <span className="engine-names" title={[names, ...models].join('\n')}>
        Tracker <b>{tracker}</b> · Bridge <b>{bridge}</b>
      </span>
      {matting && (
        <span className="engine-matting" title={matting.detail}>
          Matting <b data-testid="matting-info">{matting.text}</b>
        </span>
      )}
      {fallbackReason && (
        <span className="engine-fallback warning" title={fallbackReason}>
          Fallback: {fallbackReason}
        </span>
      )}
      {fallbackReason && fallbackAction}
    </>
  );
}

/** The image pixel under the pointer: rendered apart, since it changes with every pointer move. */
function HoverReadout() {
  const hover = useEditor((s) => (s.session ? s.hover : null));
  if (!hover) return null;
  return (
    <span className="mono coords">
      x {Math.floor(hover.x)} y {Math.floor(hover.y)}
    </span>
  );
}

/** The fallback's tracker to download, when the engine offers one. */
function FallbackAction() {
  const { engine, models } = useStudio();
  const offer = trackerOffer(models.models ?? engine?.models ?? []);
  if (!offer) return null;
  return <FallbackOffer offer={offer} download={models.downloads[offer.model.id]} note={models.notes[offer.model.id]} onDownload={() => void models.download(offer.model.id)} />;
}

export function StatusBar() {
  const { engine, matting, heads } = useStudio();
  const shown = useShownMatte();
  const media = useEditor(selectMedia);
  const info = media?.info;
  const label = shown.label ?? (matting.settings ? chosenLabel(matting.settings, heads) : null);
  const head = shown.head ?? matting.settings?.head;
  return (
    <footer className="status-bar">
      <span className="engine-info" data-testid="engine-info">
        <EngineSummary engine={engine} media={media} matting={label} fallbackAction={<FallbackAction />} head={media ? head : undefined} />
      </span>
      {info && (
        <span className="mono dim" title={info.path}>
          {info.width}×{info.height} · {fpsText(info.fps)} · {info.frameCount} frames · {info.videoCodec}
        </span>
      )}
      <HoverReadout />
    </footer>
  );
}
