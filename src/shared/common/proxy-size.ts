/**
 * Proxy frames for the viewer: a frame shown smaller than its source is decoded at a quarter, half or
 * three quarters of the source width (ffmpeg scales it as it decodes), never at every width a window
 * can have, so a few decoders and caches serve every zoom.
 */

const LEVELS = 4;

/** The proxy widths of a source, smallest first, the source width last. */
export function proxyWidths(sourceWidth: number): number[] {
  return Array.from({ length: LEVELS }, (_, k) => Math.max(1, Math.round((sourceWidth * (k + 1)) / LEVELS)));
}

/** The width to load for a frame shown `shownWidth` device pixels wide: the smallest proxy that is not smaller. */
export function proxyWidthFor(sourceWidth: number, shownWidth: number): number {
  return proxyWidths(sourceWidth).find((w) => w >= shownWidth) ?? sourceWidth;
}

/** A proxy's size, the aspect ratio kept. */
export function proxySize(source: { width: number; height: number }, width: number): { width: number; height: number } {
  return { width, height: Math.max(1, Math.round((source.height * width) / source.width)) };
}

/**
 * How sharp frames are while playing, as editing suites offer it (Premiere's playback resolution, Resolve's
 * proxy mode): a fraction of the width the frame is shown at. A paused frame is always loaded at 'full'.
 */
export type PlaybackResolution = 'full' | 'half' | 'quarter';

export const PLAYBACK_RESOLUTIONS: readonly PlaybackResolution[] = ['full', 'half', 'quarter'];

const PLAYBACK_SHARE: Record<PlaybackResolution, number> = { full: 1, half: 1 / 2, quarter: 1 / 4 };

/** The proxy width to play at for a frame shown `shownWidth` device pixels wide. */
export function playbackWidthFor(sourceWidth: number, shownWidth: number, resolution: PlaybackResolution): number {
  return proxyWidthFor(sourceWidth, shownWidth * PLAYBACK_SHARE[resolution]);
}
