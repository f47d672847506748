import { canvasFrom } from '../viewer/paintPicture';
import type { PreviewPicture } from '../viewer/previewPicture';
import type { BandDifference } from './bandDifference';

/** The A/B view with the band difference laid over it (the compare mode has no overlay of its own). */
export function withBandDifference(picture: PreviewPicture, difference: BandDifference | null): PreviewPicture {
  return difference && picture.mode === 'compare' ? { ...picture, overlayImage: canvasFrom(difference.width, difference.height, difference.pixels) } : picture;
}
