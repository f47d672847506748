import { canvasFrom, type PreviewCanvases } from '../viewer/previewCanvases';
import type { BandDifference } from './bandDifference';

/** The A/B view with the band difference laid over it (the compare mode has no overlay of its own). */
export function withBandDifference(canvases: PreviewCanvases, difference: BandDifference | null): PreviewCanvases {
  return difference && canvases.mode === 'compare' ? { ...canvases, overlay: canvasFrom(difference.width, difference.height, difference.pixels) } : canvases;
}
