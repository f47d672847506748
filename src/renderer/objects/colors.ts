/** Object colours come from the host (#rrggbb, kept in the project); the viewer tints in RGB. */
import type { Rgb } from '../viewer/maskPixels';

/** For an object the list does not hold yet (a mask that arrived first). */
export const UNKNOWN_OBJECT_COLOR = '#ffffff';

export function hexToRgb(hex: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}
