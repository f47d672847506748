/**
 * A safe unpickler for the subset of pickle that torch.save writes (protocol 2, a few later opcodes).
 * Nothing is imported or called: a few known globals are interpreted (OrderedDict, torch's tensor
 * rebuilders and storage types); any other becomes an opaque value, and globals that only a pickle
 * meant to run code would name (os.system, builtins.eval, ...) stop the read with a clear error.
 */
import { StudioError } from '../../../shared/errors';

export class PyGlobal {
  constructor(
    readonly module: string,
    readonly name: string,
  ) {}

  get qualified(): string {
    return `${this.module}.${this.name}`;
  }
}

/** What calling an unknown global would have built: kept, never evaluated. */
export class PyOpaque {
  state: unknown = undefined;

  constructor(
    readonly callable: PyGlobal,
    readonly args: unknown[],
  ) {}
}

/** A tensor's storage, named by torch's persistent id ('storage', type, key, location, numel). */
export interface StorageRef {
  kind: 'storage';
  /** The storage class name, e.g. FloatStorage. */
  type: string;
  /** Its entry is `<archive>/data/<key>`. */
  key: string;
  numel: number;
}

/** torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, ...): offsets and strides in elements. */
export interface TensorRef {
  kind: 'tensor';
  storage: StorageRef;
  offset: number;
  size: number[];
  stride: number[];
}

/** A checkpoint's pickle that cannot or must not be read: the model file cannot be used. */
export class PickleError extends StudioError {
  constructor(message: string) {
    super('model-invalid', message);
    this.name = 'PickleError';
  }
}

const FORBIDDEN_MODULES = new Set([
  'os',
  'posix',
  'nt',
  'subprocess',
  'sys',
  'importlib',
  'runpy',
  'shutil',
  'socket',
  'pickle',
  '_pickle',
  'marshal',
  'ctypes',
  'pty',
  'code',
  'webbrowser',
  'multiprocessing',
  'operator',
  'functools',
]);
const FORBIDDEN_BUILTINS = new Set(['eval', 'exec', 'compile', 'open', '__import__', 'getattr', 'setattr', 'delattr', 'globals', 'locals', 'vars', 'input', 'breakpoint']);

function isForbidden(g: PyGlobal): boolean {
  const root = g.module.split('.')[0];
  return FORBIDDEN_MODULES.has(root) || ((root === 'builtins' || root === '__builtin__') && FORBIDDEN_BUILTINS.has(g.name));
}

const MARK = Symbol('mark');

/** Parses `bytes`; `where` names the source in errors. */
export function unpickle(bytes: Uint8Array, where = 'pickle'): unknown {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const latin1 = new TextDecoder('latin1');
  const utf8 = new TextDecoder('utf-8');
  const stack: unknown[] = [];
  const memo = new Map<number, unknown>();
  let p = 0;
  const fail = (why: string): never => {
    throw new PickleError(`${where}: ${why} (byte ${p})`);
  };
  const need = (n: number) => {
    if (p + n > bytes.length) fail('the pickle ends early');
  };
  const u8 = () => (need(1), bytes[p++]);
  const u16 = () => (need(2), (p += 2), view.getUint16(p - 2, true));
  const u32 = () => (need(4), (p += 4), view.getUint32(p - 4, true));
  const take = (n: number) => (need(n), (p += n), bytes.subarray(p - n, p));
  const line = () => {
    const end = bytes.indexOf(0x0a, p);
    if (end < 0) fail('a GLOBAL line has no end');
    const text = latin1.decode(bytes.subarray(p, end));
    p = end + 1;
    return text;
  };
  const pop = () => (stack.length === 0 ? fail('the stack is empty') : stack.pop());
  const popMark = (): unknown[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) fail('no MARK on the stack');
    return stack.splice(at).slice(1);
  };
  const top = () => (stack.length === 0 ? fail('the stack is empty') : stack[stack.length - 1]);
  const asDict = (value: unknown) => (value instanceof Map ? value : fail('SETITEM on something that is not a dict'));
  const asList = (value: unknown) => (Array.isArray(value) ? value : fail('APPEND on something that is not a list'));
  const global = (module: string, name: string) => {
    const g = new PyGlobal(module, name);
    if (isForbidden(g)) {
      fail(`forbidden global ${g.qualified}: this is no plain checkpoint but a pickle that would run code when loaded`);
    }
    return g;
  };
  const call = (callable: unknown, args: unknown): unknown => {
    if (!(callable instanceof PyGlobal)) return fail('REDUCE on something that is not a global');
    if (!Array.isArray(args)) return fail(`REDUCE of ${callable.qualified} without an argument tuple`);
    return reduce(callable, args, fail);
  };

  for (;;) {
    const op = u8();
    switch (op) {
      case 0x80: // PROTO
        if (u8() > 5) fail('unknown pickle protocol');
        break;
      case 0x95: // FRAME (protocol 4): frames are only a buffering hint
        take(8);
        break;
      case 0x2e: // STOP
        return pop();
      case 0x28: // MARK
        stack.push(MARK);
        break;
      case 0x7d: // EMPTY_DICT
        stack.push(new Map());
        break;
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push([]);
        break;
      case 0x74: // TUPLE
      case 0x6c: // LIST
        stack.push(popMark());
        break;
      case 0x64: {
        // DICT
        const items = popMark();
        const dict = new Map();
        for (let i = 0; i + 1 < items.length; i += 2) dict.set(items[i], items[i + 1]);
        stack.push(dict);
        break;
      }
      case 0x85: // TUPLE1
        stack.push([pop()]);
        break;
      case 0x86: {
        // TUPLE2
        const b = pop();
        stack.push([pop(), b]);
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        stack.push([pop(), b, c]);
        break;
      }
      case 0x61: {
        // APPEND
        const value = pop();
        asList(top()).push(value);
        break;
      }
      case 0x65: {
        // APPENDS
        const values = popMark();
        const list = asList(top());
        // One by one: spreading a long run of values as arguments overflows the call stack.
        for (const value of values) list.push(value);
        break;
      }
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        asDict(top()).set(key, value);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        const dict = asDict(top());
        for (let i = 0; i + 1 < items.length; i += 2) dict.set(items[i], items[i + 1]);
        break;
      }
      case 0x4a: // BININT
        need(4);
        stack.push(view.getInt32(p, true));
        p += 4;
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x8a: {
        // LONG1: little-endian two's complement
        const digits = take(u8());
        let value = 0n;
        for (let i = digits.length - 1; i >= 0; i--) value = (value << 8n) | BigInt(digits[i]);
        if (digits.length > 0 && digits[digits.length - 1] & 0x80) value -= 1n << BigInt(8 * digits.length);
        stack.push(value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value);
        break;
      }
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x47: // BINFLOAT (big-endian)
        need(8);
        stack.push(view.getFloat64(p, false));
        p += 8;
        break;
      case 0x58: // BINUNICODE
        stack.push(utf8.decode(take(u32())));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(utf8.decode(take(u8())));
        break;
      case 0x54: // BINSTRING
        stack.push(latin1.decode(take(u32())));
        break;
      case 0x55: // SHORT_BINSTRING
        stack.push(latin1.decode(take(u8())));
        break;
      case 0x42: // BINBYTES
        stack.push(take(u32()).slice());
        break;
      case 0x43: // SHORT_BINBYTES
        stack.push(take(u8()).slice());
        break;
      case 0x63: {
        // GLOBAL
        const module = line();
        stack.push(global(module, line()));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL without two strings');
        stack.push(global(module as string, name as string));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        stack.push(call(pop(), args));
        break;
      }
      case 0x81: {
        // NEWOBJ
        const args = pop();
        stack.push(call(pop(), args));
        break;
      }
      case 0x62: {
        // BUILD: attributes of an object; only opaque ones keep them (an OrderedDict's _metadata is not needed)
        const state = pop();
        const target = top();
        if (target instanceof PyOpaque) target.state = state;
        break;
      }
      case 0x51: // BINPERSID
        stack.push(persistentLoad(pop(), fail));
        break;
      case 0x71: // BINPUT
        memo.set(u8(), top());
        break;
      case 0x72: // LONG_BINPUT
        memo.set(u32(), top());
        break;
      case 0x94: // MEMOIZE
        memo.set(memo.size, top());
        break;
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const index = op === 0x68 ? u8() : u32();
        if (!memo.has(index)) fail(`memo ${index} was never stored`);
        stack.push(memo.get(index));
        break;
      }
      default:
        p--;
        fail(`unsupported pickle opcode 0x${op.toString(16).padStart(2, '0')}`);
    }
  }
}

const num = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value);

function reduce(callable: PyGlobal, args: unknown[], fail: (why: string) => never): unknown {
  switch (callable.qualified) {
    case 'collections.OrderedDict':
      return new Map();
    case 'torch._utils._rebuild_tensor_v2': {
      const [storage, offset, size, stride] = args;
      const isStorage = (s: unknown): s is StorageRef => (s as StorageRef | null)?.kind === 'storage';
      const ints = (v: unknown): v is number[] => Array.isArray(v) && v.every(num);
      if (!isStorage(storage) || !num(offset) || !ints(size) || !ints(stride) || size.length !== stride.length) {
        return fail('_rebuild_tensor_v2 with arguments that are not (storage, offset, size, stride)');
      }
      const tensor: TensorRef = { kind: 'tensor', storage, offset, size, stride };
      return tensor;
    }
    case 'torch._utils._rebuild_parameter':
      // A Parameter is its data tensor here.
      return args[0];
    default:
      return new PyOpaque(callable, args);
  }
}

function persistentLoad(pid: unknown, fail: (why: string) => never): StorageRef {
  if (!Array.isArray(pid) || pid[0] !== 'storage' || pid.length < 5) return fail('a persistent id that is not a torch storage');
  const [, type, key, , numel] = pid;
  if (!(type instanceof PyGlobal) || typeof key !== 'string' || !num(numel)) return fail('a torch storage id with unexpected fields');
  return { kind: 'storage', type: type.name, key, numel };
}
