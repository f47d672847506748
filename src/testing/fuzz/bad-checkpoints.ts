/**
 * Damaged and hostile copies of a PyTorch checkpoint for the fuzz test, made in memory from a good one
 * and a seed: cut short, bytes flipped in the zip's central directory, local headers, storages and
 * pickle (with and without its CRC made right again), forbidden globals injected, tensors whose sizes,
 * strides, offsets or storages lie, zip bombs and pickles nested 100,000 deep.
 */
import { crc32 } from 'node:zlib';
import { unpickle, type TensorRef } from '../../main/models/checkpoint/unpickle';
import { ZipReader } from '../../main/models/checkpoint/zip-reader';
import { PickleWriter, stateDictPickle, zipBytes, type FakeStorage, type FakeTensor } from '../../main/models/checkpoint/testing/torch-writer';
import type { Random } from './random';

/**
 * What a sound reader may do with the case: fail clearly; fail or read what the original holds;
 * anything but crash; read what the original holds (a control).
 */
export type Outcome = 'fails' | 'fails-or-same' | 'any' | 'same';

/** How the case damages the original: cut it, XOR some of its bytes (undone after the case), or new bytes. */
export type Damage = { cut: number } | { xor: Array<[at: number, mask: number]> } | { make: () => Uint8Array };

export interface BadCheckpoint {
  name: string;
  outcome: Outcome;
  /** A failure must say this. */
  message?: RegExp;
  damage: Damage;
}

/** Where things lie in the original archive. */
interface Layout {
  entries: Array<[string, Uint8Array]>;
  pickleName: string;
  pickle: Uint8Array;
  /** Offset of the pickle's bytes in the archive, and of its CRC-32 in the central directory. */
  pickleAt: number;
  pickleCrcAt: number;
  centralDirectory: [start: number, end: number];
  localHeaders: Array<[start: number, end: number]>;
  /** Storage entry name → offset of its bytes. */
  storageAt: Map<string, number>;
  refs: Map<string, TensorRef>;
}

async function layout(original: Uint8Array): Promise<Layout> {
  const zip = await ZipReader.fromBytes(original, 'original');
  const view = new DataView(original.buffer, original.byteOffset, original.byteLength);
  const entries: Array<[string, Uint8Array]> = [];
  const localHeaders: Array<[number, number]> = [];
  const dataAt = new Map<string, number>();
  for (const entry of zip.entries.values()) {
    entries.push([entry.name, await zip.read(entry)]);
    const start = entry.localHeaderOffset;
    const end = start + 30 + view.getUint16(start + 26, true) + view.getUint16(start + 28, true);
    localHeaders.push([start, end]);
    dataAt.set(entry.name, end);
  }
  const [pickleName, pickle] = entries.find(([name]) => name.endsWith('/data.pkl'))!;
  const cdStart = view.getUint32(original.length - 22 + 16, true);
  const pickleRecord = bufferView(original).indexOf(Buffer.from(pickleName), cdStart) - 46;
  const root = unpickle(pickle) as Map<string, Map<string, TensorRef>>;
  const refs = new Map([...root.get('model')!].filter(([, ref]) => ref.storage.type === 'FloatStorage'));
  const storageAt = new Map([...dataAt].filter(([name]) => name.includes('/data/')));
  return {
    entries,
    pickleName,
    pickle,
    pickleAt: dataAt.get(pickleName)!,
    pickleCrcAt: pickleRecord + 16,
    centralDirectory: [cdStart, original.length],
    localHeaders,
    storageAt,
    refs,
  };
}

const FORBIDDEN: Array<[string, string]> = [
  ['os', 'system'],
  ['posix', 'system'],
  ['nt', 'system'],
  ['os', 'popen'],
  ['builtins', 'eval'],
  ['builtins', 'exec'],
  ['__builtin__', 'eval'],
  ['builtins', '__import__'],
  ['builtins', 'getattr'],
  ['subprocess', 'Popen'],
  ['subprocess', 'check_output'],
  ['shutil', 'rmtree'],
  ['importlib', 'import_module'],
  ['runpy', '_run_code'],
  ['socket', 'socket'],
  ['ctypes', 'CDLL'],
  ['pickle', 'loads'],
  ['marshal', 'loads'],
];

const text = (s: string) => new TextEncoder().encode(s);
const concat = (...parts: Uint8Array[]) => new Uint8Array(Buffer.concat(parts));

/**
 * `count` cases of each random kind plus the fixed ones. `sample`: names of tensors the reader under
 * test reads; damage to a tensor is done to one of them.
 */
export async function badCheckpoints(original: Uint8Array, sample: readonly string[], random: Random, count: number): Promise<BadCheckpoint[]> {
  const at = await layout(original);
  const cases: BadCheckpoint[] = [];
  const add = (name: string, outcome: Outcome, damage: Damage, message?: RegExp) => cases.push({ name, outcome, damage, message });
  const mask = () => random.int(1, 255);
  const within = ([start, end]: [number, number]) => random.int(start, end - 1);
  const withEntries =
    (change: (name: string, content: Uint8Array) => Uint8Array, options: Parameters<typeof zipBytes>[1] = {}) =>
    () =>
      zipBytes(
        at.entries.map(([name, content]) => [name, change(name, content)]),
        options,
      );
  const withPickle = (pickle: Uint8Array) => withEntries((name, content) => (name === at.pickleName ? pickle : content));

  for (let i = 0; i < count; i++) {
    const cut = random.next() < 0.5 ? random.int(0, original.length - 1) : random.int(Math.max(0, original.length - 65536), original.length - 1);
    add(`cut at byte ${cut}`, 'fails', { cut });
  }
  for (let i = 0; i < 2 * count; i++) {
    const xor = Array.from({ length: random.int(1, 4) }, (): [number, number] => [within(at.centralDirectory), mask()]);
    add(`central directory bytes ${xor.map(([p]) => p)} flipped`, 'fails-or-same', { xor });
  }
  for (let i = 0; i < count / 2; i++) {
    const p = within(random.pick(at.localHeaders));
    add(`local header byte ${p} flipped`, 'fails-or-same', { xor: [[p, mask()]] });
  }
  for (let i = 0; i < count / 2; i++) {
    const ref = at.refs.get(random.pick(sample))!;
    const start = at.storageAt.get(at.pickleName.replace('data.pkl', `data/${ref.storage.key}`))!;
    add(`storage byte of ${ref.storage.key} flipped`, 'fails', { xor: [[random.int(start, start + 4 * ref.storage.numel - 1), mask()]] }, /fails its CRC-32 check/);
  }
  for (let i = 0; i < count / 2; i++) {
    add(`pickle byte flipped`, 'fails', { xor: [[at.pickleAt + random.int(0, at.pickle.length - 1), mask()]] }, /data\.pkl fails its CRC-32 check/);
  }
  // Flips in the pickle with its CRC made right again reach the unpickler: any well-formed read is fine.
  for (let i = 0; i < 2 * count; i++) {
    const flips = Array.from({ length: random.int(1, 8) }, (): [number, number] => [random.int(0, at.pickle.length - 1), mask()]);
    const damaged = Uint8Array.from(at.pickle);
    for (const [p, m] of flips) damaged[p] ^= m;
    const crc = crc32(damaged) ^ crc32(at.pickle);
    const xor: Array<[number, number]> = flips.map(([p, m]) => [at.pickleAt + p, m]);
    for (let b = 0; b < 4; b++) if ((crc >>> (8 * b)) & 0xff) xor.push([at.pickleCrcAt + b, (crc >>> (8 * b)) & 0xff]);
    add(`pickle bytes ${flips.map(([p]) => p)} flipped, CRC kept right`, 'any', { xor });
  }

  const rebuildGlobal = text('ctorch._utils\n_rebuild_tensor_v2\n');
  const rebuild = Buffer.from(at.pickle).indexOf(rebuildGlobal); // where a hostile pickle would name its own callable
  for (const [module, name] of FORBIDDEN) {
    const message = new RegExp(`forbidden global ${module}\\.${name}: this is no plain checkpoint`);
    const global = text(`c${module}\n${name}\n`);
    add(`GLOBAL ${module}.${name} first`, 'fails', { make: withPickle(concat(at.pickle.subarray(0, 2), global, at.pickle.subarray(2))) }, message);
    const stackGlobal = new PickleWriter().unicode(module).unicode(name).op(0x93).finish().subarray(2, -1); // no PROTO, no STOP
    add(`STACK_GLOBAL ${module}.${name} first`, 'fails', { make: withPickle(concat(at.pickle.subarray(0, 2), stackGlobal, at.pickle.subarray(2))) }, message);
    const instead = concat(at.pickle.subarray(0, rebuild), global, at.pickle.subarray(rebuild + rebuildGlobal.length));
    add(`${module}.${name} instead of _rebuild_tensor_v2`, 'fails', { make: withPickle(instead) }, message);
  }

  // Tensors that lie about themselves, in the state dict pickled again around them.
  const lies: Array<[string, (ref: TensorRef) => Partial<FakeTensor> & { numel?: number }, RegExp]> = [
    ['a negative size', (r) => ({ size: [-r.size[0], ...r.size.slice(1)] }), /has a negative size, offset or stride/],
    ['two negative sizes', (r) => ({ size: [-1, -r.storage.numel], stride: [r.storage.numel, 1] }), /has a negative size, offset or stride/],
    ['a size of 2^40', () => ({ size: [2 ** 40], stride: [1] }), /reaches element \d+ of a storage of/],
    ['a size of 2^31 with stride 0', (r) => ({ size: [2 ** 31, ...r.size], stride: [0, ...r.stride] }), /more than its storage/],
    ['a stride past the end', (r) => ({ size: [2, ...r.size.slice(1)], stride: [r.storage.numel, ...r.stride.slice(1)] }), /reaches element/],
    ['a negative stride', (r) => ({ stride: r.stride.map((s) => -s) }), /has a negative size, offset or stride/],
    ['an offset past the end', (r) => ({ offset: r.storage.numel }), /reaches element/],
    ['a negative offset', () => ({ offset: -4 }), /has a negative size, offset or stride/],
    ['a storage that is not there', () => ({ storage: '99999' }), /the storage of .* is not in the archive/],
    ['a storage of 2^40 elements', () => ({ numel: 2 ** 40 }), /claims 1099511627776 elements but holds/],
    ['a storage of -1 elements', () => ({ numel: -1 }), /claims -1 elements but holds/],
  ];
  // The pickle writer takes a storage's element count from its values' length, and never reads the values.
  const storage = (numel: number): FakeStorage => ({ dtype: 'float32', values: { length: numel } as number[] });
  const tensors = Object.fromEntries([...at.refs].map(([name, r]): [string, FakeTensor] => [name, { storage: r.storage.key, offset: r.offset, size: r.size, stride: r.stride }]));
  const storages = Object.fromEntries([...at.refs.values()].map((r) => [r.storage.key, storage(r.storage.numel)]));
  add('the state dict pickled again, unchanged', 'same', { make: withPickle(stateDictPickle(tensors, storages)) });
  for (const [lie, change, message] of lies) {
    for (let i = 0; i < 4; i++) {
      const name = random.pick(sample);
      const ref = at.refs.get(name)!;
      const { numel = ref.storage.numel, ...tensor } = change(ref);
      const key = tensor.storage ?? ref.storage.key;
      const pickle = stateDictPickle({ ...tensors, [name]: { ...tensors[name], ...tensor } }, { ...storages, [key]: storage(numel) });
      add(`${name} with ${lie}`, 'fails', { make: withPickle(pickle) }, message);
    }
  }

  // Zip bombs: deflated entries that inflate far past what they claim, or claim too much.
  const zeros = new Uint8Array(32 * 2 ** 20);
  const bomb = (entry: string, claim: number) => () => {
    const zip = withEntries((name, content) => (name === entry ? zeros : content), { deflate: [entry] })();
    return withCentralSize(zip, entry, claim);
  };
  const firstStorage = at.pickleName.replace('data.pkl', `data/${at.refs.get(sample[0])!.storage.key}`);
  add(
    'data.pkl inflating to 32 MB',
    'fails',
    { make: bomb(at.pickleName, at.pickle.length) },
    new RegExp(`data\\.pkl inflates to more than the ${at.pickle.length} bytes it claims`),
  );
  add('a storage inflating to 32 MB', 'fails', { make: bomb(firstStorage, 4 * at.refs.get(sample[0])!.storage.numel) }, /inflates to more than the \d+ bytes it claims/);
  add('a storage claiming 2 GB from 32 kB', 'fails', { make: bomb(firstStorage, 2 ** 31) }, /claims 2147483648 bytes from \d+ deflated/);
  add(
    'data.pkl of 80 MB',
    'fails',
    { make: withEntries((name, content) => (name === at.pickleName ? new Uint8Array(80 * 2 ** 20) : content), { deflate: [at.pickleName] }) },
    /too many for a checkpoint's pickle/,
  );

  // Pickles nested 100,000 deep: lists, tuples, dicts, as the root, a tensor's value and a key.
  const DEPTH = 100_000;
  const deepList = concat(repeat([0x5d], DEPTH), repeat([0x61], DEPTH - 1)); // EMPTY_LIST ×n, APPEND ×(n−1)
  const deepTuple = concat(repeat([0x28], DEPTH), repeat([0x74], DEPTH)); // MARK ×n, TUPLE ×n
  const deepDict = concat(repeat([0x7d, 0x8c, 5, ...text('model')], DEPTH), Uint8Array.of(0x7d), repeat([0x73], DEPTH)); // {'model': {'model': ...}}
  const pickleOf = (...parts: Uint8Array[]) => concat(Uint8Array.of(0x80, 2), ...parts, Uint8Array.of(0x2e));
  const nameOf = (name: string) => concat(Uint8Array.of(0x58), u32(text(name).length), text(name)); // BINUNICODE
  add('a list 100,000 deep', 'fails', { make: withPickle(pickleOf(deepList)) }, /holds no dict of tensors/);
  add('a tuple 100,000 deep', 'fails', { make: withPickle(pickleOf(deepTuple)) }, /holds no dict of tensors/);
  add('dicts 100,000 deep', 'fails', { make: withPickle(pickleOf(deepDict)) }, /lacks .* \(it holds model\)/);
  // Every sampled name holds the one deep list (stored once, then fetched from the memo).
  const deepTensors = concat(nameOf(sample[0]), deepList, Uint8Array.of(0x71, 0), ...sample.slice(1).flatMap((name) => [nameOf(name), Uint8Array.of(0x68, 0)]));
  const model = (items: Uint8Array) => pickleOf(Uint8Array.of(0x7d, 0x8c, 5), text('model'), Uint8Array.of(0x7d, 0x28), items, Uint8Array.of(0x75, 0x73));
  add('tensors that are a list 100,000 deep', 'fails', { make: withPickle(model(deepTensors)) }, /is not a tensor/);
  add('a key that is a tuple 100,000 deep', 'fails', { make: withPickle(model(concat(deepTuple, nameOf(sample[0])))) }, /it holds \(a key that is no string\)/);
  return cases;
}

/** Runs `read` on the damaged archive; XORed bytes are put back afterwards. */
export async function withDamage<T>(original: Uint8Array, damage: Damage, read: (bytes: Uint8Array) => Promise<T>): Promise<T> {
  if ('cut' in damage) return read(original.subarray(0, damage.cut));
  if ('make' in damage) return read(damage.make());
  const flip = () => damage.xor.forEach(([at, mask]) => (original[at] ^= mask));
  flip();
  try {
    return await read(original);
  } finally {
    flip();
  }
}

/** The archive with the central directory's uncompressed size of `entry` replaced. */
function withCentralSize(zip: Uint8Array, entry: string, size: number): Uint8Array {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const name = Buffer.from(entry);
  // The record whose name is exactly `entry` (data/1 is also the start of data/10).
  let at = view.getUint32(zip.length - 22 + 16, true);
  while ((at = bufferView(zip).indexOf(name, at + 1)) >= 0 && view.getUint16(at - 46 + 28, true) !== name.length);
  view.setUint32(at - 46 + 24, size, true);
  return zip;
}

/** A Buffer over the same bytes (Buffer.from of a Uint8Array would copy them). */
function bufferView(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function repeat(bytes: number[], times: number): Uint8Array {
  const out = new Uint8Array(bytes.length * times);
  for (let i = 0; i < times; i++) out.set(bytes, i * bytes.length);
  return out;
}

function u32(value: number): Uint8Array {
  return Uint8Array.of(value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, value >>> 24);
}
