/**
 * Test support: writes checkpoints in torch.save's zip layout — `<archive>/data.pkl` (pickle protocol 2,
 * opcodes and memo as CPython's pickler emits them for torch) and `<archive>/data/<key>` little-endian
 * storages, STORED with data aligned to 64 bytes — optionally with zip64 records or deflated entries.
 */
import { writeFile } from 'node:fs/promises';
import { crc32, deflateRawSync } from 'node:zlib';
import { ZipReader } from '../zip-reader';

export type FakeDtype = 'float32' | 'float16' | 'bfloat16';

export interface FakeStorage {
  dtype: FakeDtype;
  values: number[];
}

export interface FakeTensor {
  /** Storage key (its entry is `<archive>/data/<key>`). */
  storage: string;
  offset?: number;
  size: number[];
  /** Row-major (contiguous) when omitted. */
  stride?: number[];
}

const STORAGE_CLASS: Record<FakeDtype, string> = { float32: 'FloatStorage', float16: 'HalfStorage', bfloat16: 'BFloat16Storage' };

/** Emits pickle opcodes; every pushed object is memoized with BINPUT, repeated globals and strings come back by BINGET. */
export class PickleWriter {
  private readonly out: number[] = [0x80, 2]; // PROTO 2
  private memo = 0;
  private readonly globals = new Map<string, number>();
  private readonly strings = new Map<string, number>();

  op(...bytes: number[]): this {
    this.out.push(...bytes);
    return this;
  }

  put(): this {
    const at = this.memo++;
    return at < 0x100 ? this.op(0x71, at) : this.op(0x72, ...u32(at)); // BINPUT, or LONG_BINPUT past 255 as CPython
  }

  private get(at: number): this {
    return at < 0x100 ? this.op(0x68, at) : this.op(0x6a, ...u32(at)); // BINGET, LONG_BINGET
  }

  /** CPython memoizes a str by identity; the repeated ones torch writes ('storage', keys, 'cpu') are the same objects. */
  unicode(text: string): this {
    const at = this.strings.get(text);
    if (at !== undefined) return this.get(at);
    this.strings.set(text, this.memo);
    const bytes = new TextEncoder().encode(text);
    return this.op(0x58, ...u32(bytes.length), ...bytes).put(); // BINUNICODE
  }

  /** As CPython picks: BININT1, BININT2, BININT (negative too), LONG1 beyond 32 bits (for damaged sizes in tests). */
  int(value: number): this {
    if (value >= 0 && value < 0x100) return this.op(0x4b, value); // BININT1
    if (value >= 0 && value < 0x10000) return this.op(0x4d, value & 0xff, value >> 8); // BININT2
    if (value >= -(2 ** 31) && value < 2 ** 31) return this.op(0x4a, ...u32(value)); // BININT
    // LONG1: the fewest little-endian two's-complement bytes that keep the sign.
    const digits: number[] = [];
    let v = BigInt(value);
    do {
      digits.push(Number(v & 0xffn));
      v >>= 8n;
    } while (v !== (digits[digits.length - 1] & 0x80 ? -1n : 0n));
    return this.op(0x8a, digits.length, ...digits);
  }

  global(module: string, name: string): this {
    const key = `${module}\n${name}\n`;
    const at = this.globals.get(key);
    if (at !== undefined) return this.get(at);
    this.globals.set(key, this.memo);
    return this.op(0x63, ...new TextEncoder().encode(key)).put(); // GLOBAL
  }

  /** A tuple of small ints as CPython writes it: TUPLE1..3, else MARK ... TUPLE. */
  intTuple(values: number[]): this {
    if (values.length === 0) return this.op(0x29); // EMPTY_TUPLE
    if (values.length > 3) this.op(0x28);
    values.forEach((v) => this.int(v));
    return this.op(values.length > 3 ? 0x74 : 0x84 + values.length).put();
  }

  /** collections.OrderedDict() as torch pickles an empty one (the backward hooks). */
  emptyOrderedDict(): this {
    return this.global('collections', 'OrderedDict').op(0x29, 0x52).put(); // EMPTY_TUPLE REDUCE
  }

  /** _rebuild_tensor_v2((persistent storage id), offset, size, stride, False, OrderedDict()). */
  tensor(t: FakeTensor, storage: FakeStorage): this {
    this.global('torch._utils', '_rebuild_tensor_v2').op(0x28); // MARK
    this.op(0x28).unicode('storage').global('torch', STORAGE_CLASS[storage.dtype]).unicode(t.storage).unicode('cpu').int(storage.values.length);
    this.op(0x74).put().op(0x51); // TUPLE BINPERSID
    this.int(t.offset ?? 0)
      .intTuple(t.size)
      .intTuple(t.stride ?? contiguousStride(t.size));
    this.op(0x89).emptyOrderedDict(); // NEWFALSE
    return this.op(0x74).put().op(0x52).put(); // TUPLE REDUCE
  }

  finish(): Uint8Array {
    return Uint8Array.from([...this.out, 0x2e]); // STOP
  }
}

function contiguousStride(size: number[]): number[] {
  return size.map((_, i) => size.slice(i + 1).reduce((a, b) => a * b, 1));
}

/** `{"model": OrderedDict(key → tensor)}` with the OrderedDict's `_metadata` state, as SAM2's checkpoints hold. */
export function stateDictPickle(tensors: Record<string, FakeTensor>, storages: Record<string, FakeStorage>): Uint8Array {
  const w = new PickleWriter();
  w.op(0x7d).put().unicode('model'); // EMPTY_DICT
  w.emptyOrderedDict().op(0x28); // MARK
  for (const [key, t] of Object.entries(tensors)) w.unicode(key).tensor(t, storages[t.storage]);
  w.op(0x75); // SETITEMS
  w.op(0x7d).put().unicode('_metadata').emptyOrderedDict().op(0x73, 0x62); // {'_metadata': OrderedDict()} SETITEM BUILD
  return w.op(0x73).finish(); // SETITEM
}

function storageBytes(storage: FakeStorage): Uint8Array {
  const size = storage.dtype === 'float32' ? 4 : 2;
  const bytes = new Uint8Array(storage.values.length * size);
  const view = new DataView(bytes.buffer);
  storage.values.forEach((v, i) => {
    if (storage.dtype === 'float32') view.setFloat32(i * 4, v, true);
    else if (storage.dtype === 'bfloat16') view.setUint16(i * 2, new Uint32Array(Float32Array.of(v).buffer)[0] >>> 16, true);
    else view.setUint16(i * 2, floatToHalf(v), true);
  });
  return bytes;
}

/** float → IEEE half for values a half holds exactly (normal range), as the tests use. */
function floatToHalf(v: number): number {
  if (v === 0) return 0;
  const sign = v < 0 ? 0x8000 : 0;
  const exponent = Math.floor(Math.log2(Math.abs(v)));
  const fraction = Math.round((Math.abs(v) / 2 ** exponent - 1) * 1024);
  return sign | ((exponent + 15) << 10) | fraction;
}

export interface ZipOptions {
  /** Write zip64 end records and zip64 extra fields, as torch does for big archives. */
  zip64?: boolean;
  /** Deflate these entries (torch stores everything; other zip tools may not). */
  deflate?: string[];
}

/** A zip of `entries` in order, STORED data aligned to 64 bytes with an 'FB' padding extra field like torch's writer. */
export function zipBytes(entries: Array<[string, Uint8Array]>, options: ZipOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  const push = (bytes: Uint8Array) => {
    parts.push(bytes);
    offset += bytes.length;
  };
  for (const [name, content] of entries) {
    const nameBytes = new TextEncoder().encode(name);
    const deflated = options.deflate?.includes(name);
    const data = deflated ? new Uint8Array(deflateRawSync(content)) : content;
    const crc = crc32(content);
    const headerEnd = offset + 30 + nameBytes.length + 4;
    const pad = deflated ? 0 : (64 - (headerEnd % 64)) % 64;
    const extra = Uint8Array.from([0x46, 0x42, ...u16(pad), ...new Array(pad).fill(0x5a)]);
    const localOffset = offset;
    push(
      Uint8Array.from([
        ...u32(0x04034b50),
        ...u16(20),
        ...u16(0),
        ...u16(deflated ? 8 : 0),
        0,
        0,
        0,
        0,
        ...u32(crc),
        ...u32(data.length),
        ...u32(content.length),
        ...u16(nameBytes.length),
        ...u16(extra.length),
        ...nameBytes,
        ...extra,
      ]),
    );
    push(data);
    const big = options.zip64;
    const z64 = big ? Uint8Array.from([...u16(1), ...u16(24), ...u64(content.length), ...u64(data.length), ...u64(localOffset)]) : new Uint8Array();
    central.push(
      Uint8Array.from([
        ...u32(0x02014b50),
        ...u16(45),
        ...u16(big ? 45 : 20),
        ...u16(0),
        ...u16(deflated ? 8 : 0),
        0,
        0,
        0,
        0,
        ...u32(crc),
        ...u32(big ? 0xffffffff : data.length),
        ...u32(big ? 0xffffffff : content.length),
        ...u16(nameBytes.length),
        ...u16(z64.length),
        ...u16(0),
        ...u16(0),
        ...u16(0),
        ...u32(0),
        ...u32(big ? 0xffffffff : localOffset),
        ...nameBytes,
        ...z64,
      ]),
    );
  }
  const cdOffset = offset;
  central.forEach(push);
  const cdSize = offset - cdOffset;
  const n = entries.length;
  if (options.zip64) {
    const recordOffset = offset;
    push(Uint8Array.from([...u32(0x06064b50), ...u64(44), ...u16(45), ...u16(45), ...u32(0), ...u32(0), ...u64(n), ...u64(n), ...u64(cdSize), ...u64(cdOffset)]));
    push(Uint8Array.from([...u32(0x07064b50), ...u32(0), ...u64(recordOffset), ...u32(1)]));
    push(Uint8Array.from([...u32(0x06054b50), 0, 0, 0, 0, ...u16(0xffff), ...u16(0xffff), ...u32(0xffffffff), ...u32(0xffffffff), 0, 0]));
  } else {
    push(Uint8Array.from([...u32(0x06054b50), 0, 0, 0, 0, ...u16(n), ...u16(n), ...u32(cdSize), ...u32(cdOffset), 0, 0]));
  }
  return Buffer.concat(parts);
}

/**
 * The archive's entries, in order, with `change` applied to each (name → new content, or null to
 * leave it out), zipped again with correct CRCs.
 */
export async function rezip(archive: Uint8Array, change: (name: string, content: Uint8Array) => Uint8Array | null, options: ZipOptions = {}): Promise<Uint8Array> {
  const zip = await ZipReader.fromBytes(archive, 'rezip');
  const entries: Array<[string, Uint8Array]> = [];
  for (const entry of zip.entries.values()) {
    const content = change(entry.name, await zip.read(entry));
    if (content) entries.push([entry.name, content]);
  }
  return zipBytes(entries, options);
}

export interface FakeCheckpoint {
  tensors: Record<string, FakeTensor>;
  storages: Record<string, FakeStorage>;
  /** The archive folder name torch takes from the file name. */
  archive?: string;
  /** Replaces the state-dict pickle (e.g. one naming a forbidden global). */
  pickle?: Uint8Array;
}

/** The entries torch.save writes, in its order. */
export function checkpointBytes(checkpoint: FakeCheckpoint, options: ZipOptions = {}): Uint8Array {
  const archive = checkpoint.archive ?? 'archive';
  const text = (s: string) => new TextEncoder().encode(s);
  const entries: Array<[string, Uint8Array]> = [
    [`${archive}/data.pkl`, checkpoint.pickle ?? stateDictPickle(checkpoint.tensors, checkpoint.storages)],
    [`${archive}/.format_version`, text('1')],
    [`${archive}/.storage_alignment`, text('64')],
    [`${archive}/byteorder`, text('little')],
    ...Object.entries(checkpoint.storages).map(([key, s]): [string, Uint8Array] => [`${archive}/data/${key}`, storageBytes(s)]),
    [`${archive}/version`, text('3\n')],
    [`${archive}/.data/serialization_id`, text('1234567890123456789012345678901234567890')],
  ];
  return zipBytes(entries, { ...options, deflate: options.deflate?.map((e) => `${archive}/${e}`) });
}

export async function writeCheckpoint(path: string, checkpoint: FakeCheckpoint, options: ZipOptions = {}): Promise<string> {
  await writeFile(path, checkpointBytes(checkpoint, options));
  return path;
}

export type TensorValues = Record<string, { dims: number[]; values: number[] }>;

/** A checkpoint holding these tensors, one storage each, in the archive SAM2's tiny checkpoint has. */
export function checkpointOf(values: TensorValues, dtype: FakeDtype = 'float32'): FakeCheckpoint {
  const tensors: Record<string, FakeTensor> = {};
  const storages: Record<string, FakeStorage> = {};
  Object.entries(values).forEach(([key, { dims, values: v }], i) => {
    tensors[key] = { storage: String(i), size: dims };
    storages[String(i)] = { dtype, values: v };
  });
  return { tensors, storages, archive: 'sam2.1_hiera_tiny' };
}

/**
 * SAM 2.1's six constants (C 256, Cm 64, k 4 unless `dims` says) with distinct seeded values, among
 * a few other parameters, as a SAM2 checkpoint holds them.
 */
export function fakeSam2Checkpoint(seed = 1, dtype: FakeDtype = 'float32', dims = { C: 256, Cm: 64, k: 4 }): FakeCheckpoint & { values: TensorValues } {
  const { C, Cm, k } = dims;
  const shapes: Record<string, number[]> = {
    'image_encoder.trunk.pos_embed': [1, 96, 7, 7],
    no_mem_embed: [1, 1, C],
    no_mem_pos_enc: [1, 1, C],
    maskmem_tpos_enc: [7, 1, 1, Cm],
    no_obj_ptr: [1, C],
    no_obj_embed_spatial: [1, Cm],
    'mask_downsample.weight': [1, 1, k, k],
    'mask_downsample.bias': [1],
  };
  // Multiples of 1/64 below 2 are exact in float16 and bfloat16 too.
  const values: TensorValues = Object.fromEntries(
    Object.entries(shapes).map(([key, size], i) => {
      const count = size.reduce((a, b) => a * b, 1);
      return [key, { dims: size, values: Array.from({ length: count }, (_, j) => (((j * 7 + i * 13 + seed * 29) % 255) - 127) / 64) }];
    }),
  );
  return { ...checkpointOf(values, dtype), values };
}

function u16(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff];
}

function u32(v: number): number[] {
  return [v & 0xff, (v >>> 8) & 0xff, (v >>> 16) & 0xff, (v >>> 24) & 0xff];
}

function u64(v: number): number[] {
  return [...u32(v >>> 0), ...u32(Math.floor(v / 2 ** 32))];
}
