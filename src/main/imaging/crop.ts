/** Copies of rectangular regions (the rectangle must lie inside the image). */
import type { GrayImage, RgbaImage } from '../../shared/media';

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

function cropChannels(data: Uint8Array, imageWidth: number, channels: number, r: Region): Uint8Array {
  const out = new Uint8Array(r.width * r.height * channels);
  const rowLength = r.width * channels;
  for (let y = 0; y < r.height; y++) {
    const from = ((r.y + y) * imageWidth + r.x) * channels;
    out.set(data.subarray(from, from + rowLength), y * rowLength);
  }
  return out;
}

export function cropRgba(image: RgbaImage, r: Region): RgbaImage {
  return { width: r.width, height: r.height, data: cropChannels(image.data, image.width, 4, r) };
}

export function cropGray(image: GrayImage, r: Region): GrayImage {
  return { width: r.width, height: r.height, data: cropChannels(image.data, image.width, 1, r) };
}
