/** Object colours: a default per object, changeable by the editor, kept in the renderer. */
import type { ObjectId } from '../../shared/prompts';
import type { Rgb } from '../viewer/maskPixels';

/** Distinct hues that read on both dark footage and the grey UI. */
const PALETTE = ['#ff5a5f', '#3ecf8e', '#4da3ff', '#ffb020', '#c678dd', '#2ad4d4', '#ff7ab6', '#a3d000'];

export function defaultObjectColor(objectId: ObjectId): string {
  return PALETTE[((objectId % PALETTE.length) + PALETTE.length) % PALETTE.length];
}

export function hexToRgb(hex: string): Rgb {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)];
}
