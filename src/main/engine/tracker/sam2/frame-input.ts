/** A video frame as SAM2's image encoder takes it (SAM2's `load_video_frames`): square, RGB, ImageNet-normalised, NCHW. */
import type { RgbaImage } from '../../../../shared/media';
import { resizePillowBicubic } from '../../../imaging/reference-resize';

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** Value the encoder sees for an 8-bit sample of channel c (0 R, 1 G, 2 B). */
export function normalise(value: number, channel: number): number {
  return (value / 255 - MEAN[channel]) / STD[channel];
}

/** normalise() of every byte value, per channel. */
const TABLES = [0, 1, 2].map((c) => Float32Array.from({ length: 256 }, (_, v) => normalise(v, c)));

/**
 * Squeezes the frame to size×size ignoring the aspect ratio with Pillow's bicubic resize, exactly as
 * SAM2's frame loader does (`Image.resize((size, size))`), then normalises into the planar tensor.
 */
export function frameToModelInput(frame: RgbaImage, size: number): Float32Array {
  const square = frame.width === size && frame.height === size ? frame : resizePillowBicubic(frame, size, size);
  const plane = size * size;
  const out = new Float32Array(3 * plane);
  const s = square.data;
  const [r, g, b] = TABLES;
  for (let i = 0; i < plane; i++) {
    out[i] = r[s[4 * i]];
    out[plane + i] = g[s[4 * i + 1]];
    out[2 * plane + i] = b[s[4 * i + 2]];
  }
  return out;
}
