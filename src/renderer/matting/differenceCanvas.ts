import { newCanvas } from '../viewer/paintPicture';
import { imageDataOf, type PreviewPicture } from '../viewer/previewPicture';
import type { BandDifference } from './bandDifference';

/** The A/B view with the band difference laid over it (the compare mode has no overlay of its own). */
export function withBandDifference(picture: PreviewPicture, difference: BandDifference | null): PreviewPicture {
  if (!difference || picture.mode !== 'compare') return picture;
  const overlayImage = newCanvas(difference.width, difference.height);
  overlayImage.getContext('2d')!.putImageData(imageDataOf(difference.width, difference.height, difference.pixels), 0, 0);
  return { ...picture, overlayImage };
}
