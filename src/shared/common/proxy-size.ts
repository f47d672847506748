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
