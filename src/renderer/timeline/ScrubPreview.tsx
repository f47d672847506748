import { useEffect, useRef } from 'react';
import { framePercent } from './segments';
import type { Thumbnail } from './useThumbnail';

interface ScrubPreviewProps {
  /** The frame under the pointer or being dragged to. */
  frame: number;
  frameCount: number;
  thumbnail: Thumbnail | null;
}

/** A thumbnail above the slider at the frame the pointer would select, labelled with that frame. */
export function ScrubPreview({ frame, frameCount, thumbnail }: ScrubPreviewProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    if (!c || !thumbnail) return;
    const { width, height, data } = thumbnail.image;
    c.width = width;
    c.height = height;
    const pixels = new ImageData(width, height);
    pixels.data.set(data);
    c.getContext('2d')?.putImageData(pixels, 0, 0);
  }, [thumbnail]);

  const loading = thumbnail?.frame !== frame;
  return (
    <div
      className="scrub-preview"
      data-testid="scrub-preview"
      data-frame={frame}
      data-thumbnail-frame={thumbnail?.frame ?? ''}
      style={{ left: `${framePercent(frame, frameCount)}%` }}
    >
      <canvas ref={canvas} className={loading ? 'loading' : undefined} />
      <span className="mono">{frame}</span>
    </div>
  );
}
