/** A video frame as SAM2's image encoder takes it (spec §3): square, RGB, ImageNet-normalised, NCHW. */
import type { RgbaImage } from '../../../../shared/media';
import { resizeRgbaArea } from '../../../imaging/resize';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** Value the encoder sees for an 8-bit sample of channel c (0 R, 1 G, 2 B). */
export function normalise(value: number, channel: number): number {
  return (value / 255 - MEAN[channel]) / STD[channel];
}

/**
 * Resizes to size×size ignoring the aspect ratio, as SAM2's video loader does. Area resampling
 * instead of the loader's bilinear/bicubic: it does not alias when shrinking HD frames.
 */
export function frameToModelInput(frame: RgbaImage, size: number): Float32Array {
  const square = frame.width === size && frame.height === size ? frame : resizeRgbaArea(frame, size, size);
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  for (let i = 0; i < plane; i++) {
    for (let c = 0; c < 3; c++) out[c * plane + i] = normalise(square.data[i * 4 + c], c);
  }
  return out;
}
