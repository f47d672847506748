/**
 * Reads named tensors out of a torch.save zip archive (`<archive>/data.pkl` + `<archive>/data/<key>`
 * storages) without loading the rest: only the pickle and the storage bytes each tensor spans are read.
 */
import { basename } from 'node:path';
import { unpickle, type TensorRef } from './unpickle';
import { ZipReader, type ZipEntry } from './zip-reader';

export interface FloatTensor {
  dims: number[];
  data: Float32Array;
}

/** Bytes per element and how to read one as a float, per storage class. */
const STORAGES: Record<string, { bytes: number; read: (view: DataView, at: number, little: boolean) => number }> = {
  FloatStorage: { bytes: 4, read: (v, at, le) => v.getFloat32(at, le) },
  DoubleStorage: { bytes: 8, read: (v, at, le) => v.getFloat64(at, le) },
  HalfStorage: { bytes: 2, read: (v, at, le) => halfToFloat(v.getUint16(at, le)) },
  // bfloat16 is the top half of a float32.
  BFloat16Storage: { bytes: 2, read: (v, at, le) => new Float32Array(new Uint32Array([v.getUint16(at, le) << 16]).buffer)[0] },
};

/** The state dict a checkpoint holds: SAM2's `{"model": state_dict}`, or a bare state dict. */
function stateDict(root: unknown, label: string): Map<unknown, unknown> {
  if (root instanceof Map && root.get('model') instanceof Map) return root.get('model') as Map<unknown, unknown>;
  if (root instanceof Map) return root;
  throw new Error(`${label} holds no dict of tensors`);
}

/** Reads the tensors named `keys` (as float32) from the checkpoint at `path`. */
export async function readCheckpointTensors(path: string, keys: readonly string[]): Promise<Map<string, FloatTensor>> {
  const label = basename(path);
  const zip = await ZipReader.open(path);
  try {
    const pkl = [...zip.entries.values()].find((e) => /^[^/]+\/data\.pkl$/.test(e.name));
    if (!pkl) throw new Error(`${label} is a zip archive but no PyTorch checkpoint: it has no <archive>/data.pkl`);
    const prefix = pkl.name.slice(0, -'data.pkl'.length);
    const byteorder = zip.entries.get(`${prefix}byteorder`);
    const little = !byteorder || new TextDecoder().decode(await zip.read(byteorder)).trim() !== 'big';
    const dict = stateDict(unpickle(await zip.read(pkl), `${label} (${pkl.name})`), label);
    const missing = keys.filter((k) => !dict.has(k));
    if (missing.length > 0) {
      const names = [...dict.keys()].map(String);
      const shown = names.length > 12 ? `${names.slice(0, 12).join(', ')}, ... (${names.length} keys)` : names.join(', ');
      throw new Error(`${label} lacks ${missing.join(', ')}: is it a SAM 2 checkpoint? (it holds ${shown || 'no keys'})`);
    }
    const tensors = new Map<string, FloatTensor>();
    for (const key of keys) {
      const ref = dict.get(key) as TensorRef;
      if (ref?.kind !== 'tensor') throw new Error(`${label}: ${key} is not a tensor`);
      const entry = zip.entries.get(`${prefix}data/${ref.storage.key}`);
      if (!entry) throw new Error(`${label}: the storage of ${key} (${prefix}data/${ref.storage.key}) is not in the archive`);
      tensors.set(key, await readTensor(zip, entry, ref, little, `${label}: ${key}`));
    }
    return tensors;
  } finally {
    await zip.close();
  }
}

/** Gathers the tensor's elements in row-major order from the span of its storage they lie in. */
async function readTensor(zip: ZipReader, entry: ZipEntry, ref: TensorRef, little: boolean, label: string): Promise<FloatTensor> {
  const type = STORAGES[ref.storage.type];
  if (!type) throw new Error(`${label} is stored as ${ref.storage.type}; only ${Object.keys(STORAGES).join(', ')} are read`);
  const count = ref.size.reduce((a, b) => a * b, 1);
  const data = new Float32Array(count);
  if (count === 0) return { dims: ref.size, data };
  if (ref.stride.some((s) => s < 0) || ref.offset < 0) throw new Error(`${label} has a negative offset or stride`);
  const last = ref.offset + ref.size.reduce((sum, n, i) => sum + (n - 1) * ref.stride[i], 0);
  if ((last + 1) * type.bytes > entry.size) {
    throw new Error(`${label} reaches element ${last} of a storage of ${entry.size / type.bytes} elements: the checkpoint is damaged`);
  }
  const span = await zip.read(entry, ref.offset * type.bytes, (last - ref.offset + 1) * type.bytes);
  const view = new DataView(span.buffer, span.byteOffset, span.byteLength);
  const index = new Array<number>(ref.size.length).fill(0);
  for (let i = 0; i < count; i++) {
    const at = index.reduce((sum, k, d) => sum + k * ref.stride[d], 0);
    data[i] = type.read(view, at * type.bytes, little);
    // Advance the multi-index, last dim fastest.
    for (let d = index.length - 1; d >= 0 && ++index[d] === ref.size[d]; d--) index[d] = 0;
  }
  return { dims: ref.size, data };
}

/** IEEE half → float. */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
