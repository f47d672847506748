import type { MattingLabel } from './matteLabel';

/** On the viewer: what made the matte on screen. */
export function MatteBadge({ label }: { label: MattingLabel | null }) {
  if (!label) return null;
  return (
    <div className="matte-badge" data-testid="matte-badge" title={label.detail}>
      Matte: {label.text}
    </div>
  );
}
