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

export function packMask(mask: GrayImage): PackedMask {
  const { data } = mask;
  const values = new Uint8Array(data.length);
  // A run length below 2^35 needs at most 5 varint bytes.
  const lengths = new Uint8Array(5 * data.length);
  let runs = 0;
  let bytes = 0;
  for (let i = 0; i < data.length; ) {
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
  return { width: mask.width, height: mask.height, values: values.slice(0, runs), lengths: lengths.slice(0, bytes) };
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
