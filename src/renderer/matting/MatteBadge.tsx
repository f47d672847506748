import type { BandDifference } from './bandDifference';
import type { MattingLabel } from './matteLabel';

/** On the viewer: what made the matte on screen, and in the A/B view how much final and preview differ in the band. */
export function MatteBadge({ label, difference }: { label: MattingLabel | null; difference: BandDifference | null }) {
  if (!label) return null;
  return (
    <div className="matte-badge" data-testid="matte-badge" title={label.detail}>
      Matte: {label.text}
      {difference && (
        <span data-testid="band-difference" data-changed={difference.changed} title="Magenta: more opaque in final; cyan: less">
          {' '}
          · final ≠ preview on {difference.changed} of {difference.band} band px
        </span>
      )}
    </div>
  );
}
