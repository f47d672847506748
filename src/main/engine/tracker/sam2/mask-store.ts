/**
 * Masks kept per frame for the whole clip, run-length encoded: tracked masks are mostly long runs of 0
 * and 255, so a clip's results stay small while features and memories are bounded elsewhere.
 */
import type { GrayImage } from '../../../../shared/media';

export interface PackedMask {
  width: number;
  height: number;
  values: Uint8Array;
  lengths: Uint32Array;
}

export function packMask(mask: GrayImage): PackedMask {
  const values: number[] = [];
  const lengths: number[] = [];
  const { data } = mask;
  for (let i = 0; i < data.length; ) {
    let j = i + 1;
    while (j < data.length && data[j] === data[i]) j++;
    values.push(data[i]);
    lengths.push(j - i);
    i = j;
  }
  return { width: mask.width, height: mask.height, values: Uint8Array.from(values), lengths: Uint32Array.from(lengths) };
}

export function unpackMask(packed: PackedMask): GrayImage {
  const data = new Uint8Array(packed.width * packed.height);
  let at = 0;
  for (let r = 0; r < packed.values.length; r++) {
    data.fill(packed.values[r], at, at + packed.lengths[r]);
    at += packed.lengths[r];
  }
  return { width: packed.width, height: packed.height, data };
}
