/**
 * NumPy arrays as the shared twins store their reference runs: .npy (magic, version, a header dict, then
 * the raw array), C-ordered little-endian float32 only.
 */
import { readFile } from 'node:fs/promises';

export interface NpyArray {
  dims: number[];
  data: Float32Array;
}

export function parseNpy(bytes: Uint8Array, label = 'array'): NpyArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (new TextDecoder('latin1').decode(bytes.subarray(0, 6)) !== '\x93NUMPY') throw new Error(`${label} is not a .npy array`);
  // Version 1 has a 2-byte header length, versions 2 and 3 a 4-byte one.
  const [headerLength, headerStart] = bytes[6] === 1 ? [view.getUint16(8, true), 10] : [view.getUint32(8, true), 12];
  const header = new TextDecoder().decode(bytes.subarray(headerStart, headerStart + headerLength));
  const descr = /'descr':\s*'([^']*)'/.exec(header)?.[1];
  const shape = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr !== '<f4' || !/'fortran_order':\s*False/.test(header) || shape === undefined) {
    throw new Error(`${label}: only C-ordered little-endian float32 arrays are read (header ${header.trim()})`);
  }
  const dims = shape
    .split(',')
    .filter((d) => d.trim() !== '')
    .map(Number);
  const raw = bytes.subarray(headerStart + headerLength);
  // Copied, so the array is aligned whatever the header's length.
  const data = new Float32Array(raw.length / 4);
  new Uint8Array(data.buffer).set(raw);
  if (data.length !== dims.reduce((a, b) => a * b, 1)) throw new Error(`${label}: shape (${shape}) does not match its ${data.length} values`);
  return { dims, data };
}

export async function readNpy(path: string): Promise<NpyArray> {
  return parseNpy(await readFile(path), path);
}
