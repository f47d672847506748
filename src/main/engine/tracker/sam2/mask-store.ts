/**
 * Masks kept per frame for the whole clip, run-length encoded: tracked masks are mostly long runs of 0
 * and 255, so a clip's results stay small while features and memories are bounded elsewhere.
 */
import type { GrayImage } from '../../../../shared/media';

export interface PackedMask {
  width: number;
  height: number;
  /** The value of each run. */
  values: Uint8Array;
  /**
   * Run lengths as LEB128 varints: soft mask edges are mostly runs of one pixel, which take one byte
   * here instead of four, so a long clip's stored masks stay small.
   */
  lengths: Uint8Array;
}

/** Bytes of `n` as a LEB128 varint. */
function varintBytes(n: number): number {
  let bytes = 1;
  for (; n >= 128; n = Math.floor(n / 128)) bytes++;
  return bytes;
}

/**
 * Two passes, counting the runs first: output-sized scratch buffers (several MB a frame) freed at once
 * between the small stored masks fragment the native heap, and the process's RSS creeps up over a clip.
 */
export function packMask(mask: GrayImage): PackedMask {
  const { data } = mask;
  let runs = 0;
  let bytes = 0;
  for (let i = 0; i < data.length;) {
    let j = i + 1;
    while (j < data.length && data[j] === data[i]) j++;
    runs++;
    bytes += varintBytes(j - i);
    i = j;
  }
  const values = new Uint8Array(runs);
  const lengths = new Uint8Array(bytes);
  runs = 0;
  bytes = 0;
  for (let i = 0; i < data.length;) {
    let j = i + 1;
    while (j < data.length && data[j] === data[i]) j++;
    values[runs++] = data[i];
    for (let n = j - i; ; n = Math.floor(n / 128)) {
      if (n < 128) {
        lengths[bytes++] = n;
        break;
      }
      lengths[bytes++] = (n % 128) | 128;
    }
    i = j;
  }
  return { width: mask.width, height: mask.height, values, lengths };
}

export function unpackMask(packed: PackedMask): GrayImage {
  const data = new Uint8Array(packed.width * packed.height);
  let at = 0;
  let byte = 0;
  for (let r = 0; r < packed.values.length; r++) {
    let length = 0;
    for (let scale = 1; ; scale *= 128) {
      const b = packed.lengths[byte++];
      length += (b & 127) * scale;
      if (b < 128) break;
    }
    data.fill(packed.values[r], at, at + length);
    at += length;
  }
  return { width: packed.width, height: packed.height, data };
}
