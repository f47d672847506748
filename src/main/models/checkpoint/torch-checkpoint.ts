/**
 * Reads named tensors out of a torch.save zip archive (`<archive>/data.pkl` + `<archive>/data/<key>`
 * storages) without loading the rest: only the pickle and the storage bytes each tensor spans are read.
 * The file may be untrusted: the pickle runs no code (unpickle.ts), and every size, offset and stride
 * is checked against the storage before anything is allocated.
 */
import { basename } from 'node:path';
import { unpickle, type TensorRef } from './unpickle';
import { ZipReader } from './zip-reader';

export interface FloatTensor {
  dims: number[];
  data: Float32Array;
}

/** A tensor's elements in row-major order, little-endian, in the type they are stored as. */
export interface TensorBytes {
  /** The storage class name, e.g. FloatStorage. */
  type: string;
  dims: number[];
  bytes: Uint8Array;
}

/** A checkpoint file, or its bytes with a name for errors (nothing is written to disk for them). */
export type CheckpointSource = string | { name: string; bytes: Uint8Array };

/** Bytes per element and how to read one (little-endian) as a float, per storage class. */
const STORAGES: Record<string, { bytes: number; read: (view: DataView, at: number) => number }> = {
  FloatStorage: { bytes: 4, read: (v, at) => v.getFloat32(at, true) },
  DoubleStorage: { bytes: 8, read: (v, at) => v.getFloat64(at, true) },
  HalfStorage: { bytes: 2, read: (v, at) => halfToFloat(v.getUint16(at, true)) },
  // bfloat16 is the top half of a float32.
  BFloat16Storage: { bytes: 2, read: (v, at) => new Float32Array(new Uint32Array([v.getUint16(at, true) << 16]).buffer)[0] },
};

/** A state dict's pickle is some hundred kB even for SAM 2.1 large; far more is a damaged or hostile file. */
const MAX_PICKLE_BYTES = 64 * 2 ** 20;

/** The state dict a checkpoint holds: SAM2's `{"model": state_dict}`, or a bare state dict. */
function stateDict(root: unknown, label: string): Map<unknown, unknown> {
  if (root instanceof Map && root.get('model') instanceof Map) return root.get('model') as Map<unknown, unknown>;
  if (root instanceof Map) return root;
  throw new Error(`${label} holds no dict of tensors`);
}

/** An opened checkpoint: its state dict parsed, each tensor's bytes read when asked for. */
export class TorchCheckpoint {
  private constructor(
    private readonly zip: ZipReader,
    /** The file's name, for errors. */
    readonly label: string,
    private readonly prefix: string,
    private readonly little: boolean,
    private readonly dict: Map<unknown, unknown>,
  ) {}

  static async open(source: CheckpointSource): Promise<TorchCheckpoint> {
    const label = typeof source === 'string' ? basename(source) : source.name;
    const zip = typeof source === 'string' ? await ZipReader.open(source) : await ZipReader.fromBytes(source.bytes, source.name);
    try {
      const pkl = [...zip.entries.values()].find((e) => /^[^/]+\/data\.pkl$/.test(e.name));
      if (!pkl) throw new Error(`${label} is a zip archive but no PyTorch checkpoint: it has no <archive>/data.pkl`);
      if (pkl.size > MAX_PICKLE_BYTES) throw new Error(`${label}: ${pkl.name} claims ${pkl.size} bytes, too many for a checkpoint's pickle: the file is damaged`);
      const prefix = pkl.name.slice(0, -'data.pkl'.length);
      const byteorder = zip.entries.get(`${prefix}byteorder`);
      const little = !byteorder || new TextDecoder().decode(await zip.read(byteorder)).trim() !== 'big';
      const dict = stateDict(unpickle(await zip.read(pkl), `${label} (${pkl.name})`), label);
      return new TorchCheckpoint(zip, label, prefix, little, dict);
    } catch (err) {
      await zip.close();
      throw err;
    }
  }

  /** Names of the state dict's tensors, in the checkpoint's order. */
  tensorNames(): string[] {
    return [...this.dict].filter(([key, value]) => typeof key === 'string' && (value as TensorRef | null)?.kind === 'tensor').map(([key]) => key as string);
  }

  has(key: string): boolean {
    return this.dict.has(key);
  }

  /** Some of the state dict's keys, for errors that say what the file holds. */
  describeKeys(shown = 12): string {
    const names = [...this.dict.keys()].map((k) => (typeof k === 'string' ? k : '(a key that is no string)'));
    return names.length > shown ? `${names.slice(0, shown).join(', ')}, ... (${names.length} keys)` : names.join(', ') || 'no keys';
  }

  async readFloats(key: string): Promise<FloatTensor> {
    const { type, dims, bytes } = await this.readBytes(key);
    const count = bytes.length / STORAGES[type].bytes;
    // Typed arrays are little-endian on every platform we run on, as readBytes returns.
    if (type === 'FloatStorage' && bytes.byteOffset % 4 === 0) return { dims, data: new Float32Array(bytes.buffer, bytes.byteOffset, count) };
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const data = new Float32Array(count);
    for (let i = 0; i < count; i++) data[i] = STORAGES[type].read(view, i * STORAGES[type].bytes);
    return { dims, data };
  }

  /** Gathers the tensor's elements in row-major order from the span of its storage they lie in. */
  async readBytes(key: string): Promise<TensorBytes> {
    const ref = this.ref(key);
    const where = `${this.label}: ${key}`;
    const type = STORAGES[ref.storage.type];
    if (!type) throw new Error(`${where} is stored as ${ref.storage.type}; only ${Object.keys(STORAGES).join(', ')} are read`);
    const entry = this.zip.entries.get(`${this.prefix}data/${ref.storage.key}`);
    if (!entry) throw new Error(`${this.label}: the storage of ${key} (${this.prefix}data/${ref.storage.key}) is not in the archive`);
    const dims = ref.size;
    if ([...dims, ...ref.stride, ref.offset].some((n) => n < 0)) throw new Error(`${where} has a negative size, offset or stride`);
    const count = dims.reduce((a, b) => a * b, 1);
    if (count === 0) return { type: ref.storage.type, dims, bytes: new Uint8Array(0) };
    // The storage's element count is the pickle's; its entry must hold that many.
    const storageElements = ref.storage.numel;
    if (storageElements < 0 || storageElements * type.bytes > entry.size) {
      throw new Error(`${this.label}: the storage of ${key} claims ${storageElements} elements but holds ${entry.size} bytes: the checkpoint is damaged`);
    }
    const last = ref.offset + dims.reduce((sum, n, i) => sum + (n - 1) * ref.stride[i], 0);
    if (last + 1 > storageElements) throw new Error(`${where} reaches element ${last} of a storage of ${storageElements} elements: the checkpoint is damaged`);
    // Overlapping views (stride 0) are legal in torch but not what a model's state dict holds; refusing them bounds what a file can make us allocate.
    if (count > storageElements) throw new Error(`${where} has ${count} elements, more than its storage of ${storageElements}: the checkpoint is damaged`);
    const span = await this.zip.read(entry, ref.offset * type.bytes, (last - ref.offset + 1) * type.bytes);
    const bytes = isRowMajor(dims, ref.stride) ? span : gather(span, dims, ref.stride, type.bytes);
    if (!this.little) swapBytes(bytes, type.bytes);
    return { type: ref.storage.type, dims, bytes };
  }

  close(): Promise<void> {
    return this.zip.close();
  }

  private ref(key: string): TensorRef {
    const ref = this.dict.get(key) as TensorRef | undefined;
    if (ref === undefined) throw new Error(`${this.label} has no tensor ${key}`);
    if (ref?.kind !== 'tensor') throw new Error(`${this.label}: ${key} is not a tensor`);
    return ref;
  }
}

/** Whether the strides are a contiguous row-major layout (a dim of size 1 may have any stride). */
function isRowMajor(dims: number[], stride: number[]): boolean {
  let expected = 1;
  for (let d = dims.length - 1; d >= 0; d--) {
    if (dims[d] !== 1 && stride[d] !== expected) return false;
    expected *= dims[d];
  }
  return true;
}

/** The elements of a strided view, copied in row-major order (last dim fastest). */
function gather(span: Uint8Array, dims: number[], stride: number[], size: number): Uint8Array {
  const count = dims.reduce((a, b) => a * b, 1);
  const out = new Uint8Array(count * size);
  const index = new Array<number>(dims.length).fill(0);
  for (let i = 0; i < count; i++) {
    const at = index.reduce((sum, k, d) => sum + k * stride[d], 0) * size;
    out.set(span.subarray(at, at + size), i * size);
    for (let d = index.length - 1; d >= 0 && ++index[d] === dims[d]; d--) index[d] = 0;
  }
  return out;
}

function swapBytes(bytes: Uint8Array, size: number): void {
  for (let i = 0; i < bytes.length; i += size) bytes.subarray(i, i + size).reverse();
}

/** Opens the checkpoint, runs `use` on it and closes it again. */
export async function withCheckpoint<T>(source: CheckpointSource, use: (checkpoint: TorchCheckpoint) => Promise<T>): Promise<T> {
  const checkpoint = await TorchCheckpoint.open(source);
  try {
    return await use(checkpoint);
  } finally {
    await checkpoint.close();
  }
}

/** Reads the tensors named `keys` (as float32) from the checkpoint. */
export function readCheckpointTensors(source: CheckpointSource, keys: readonly string[]): Promise<Map<string, FloatTensor>> {
  return withCheckpoint(source, async (checkpoint) => {
    const missing = keys.filter((k) => !checkpoint.has(k));
    if (missing.length > 0) {
      const listed = missing.length > 6 ? `${missing.slice(0, 6).join(', ')} and ${missing.length - 6} more` : missing.join(', ');
      throw new Error(`${checkpoint.label} lacks ${listed}: is it a SAM 2 checkpoint? (it holds ${checkpoint.describeKeys()})`);
    }
    const tensors = new Map<string, FloatTensor>();
    for (const key of keys) tensors.set(key, await checkpoint.readFloats(key));
    return tensors;
  });
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
