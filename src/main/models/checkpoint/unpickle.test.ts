import { describe, expect, it } from 'vitest';
import { PickleWriter, stateDictPickle } from './testing/torch-writer';
import { PyOpaque, unpickle, type TensorRef } from './unpickle';

/** What CPython's pickler writes for torch.save of two views of one storage (testing/cpython-torch-pickle.py). */
const CPYTHON_STATE_DICT = Buffer.from(
  '80027d710058050000006d6f64656c710163636f6c6c656374696f6e730a4f726465726564446963740a710229527103' +
    '28580100000077710463746f7263682e5f7574696c730a5f72656275696c645f74656e736f725f76320a710528285807' +
    '00000073746f72616765710663746f7263680a466c6f617453746f726167650a71075801000000307108580300000063' +
    '707571094b0674710a514b004b024b0386710b4b034b0186710c8968022952710d74710e52710f580100000062711068' +
    '05282868066807680868094b06747111514b014b038571124b0285711389680229527114747115527116757d71175809' +
    '0000005f6d6574616461746171186802295271197362732e',
  'hex',
);
const TWO_VIEWS = {
  tensors: { w: { storage: '0', size: [2, 3] }, b: { storage: '0', offset: 1, size: [3], stride: [2] } },
  storages: { '0': { dtype: 'float32' as const, values: [0, 1, 2, 3, 4, 5] } },
};

describe('stateDictPickle (test support)', () => {
  it("writes byte for byte what CPython's pickler writes for torch", () => {
    expect(Buffer.from(stateDictPickle(TWO_VIEWS.tensors, TWO_VIEWS.storages)).toString('hex')).toBe(CPYTHON_STATE_DICT.toString('hex'));
  });
});

describe('unpickle', () => {
  it('reads a state dict as torch pickles it: OrderedDict, persistent storages, tensor rebuilds', () => {
    const root = unpickle(CPYTHON_STATE_DICT) as Map<string, Map<string, TensorRef>>;
    const model = root.get('model')!;
    expect([...model.keys()]).toEqual(['w', 'b']);
    expect(model.get('w')).toEqual({ kind: 'tensor', storage: { kind: 'storage', type: 'FloatStorage', key: '0', numel: 6 }, offset: 0, size: [2, 3], stride: [3, 1] });
    expect(model.get('b')).toMatchObject({ offset: 1, size: [3], stride: [2] });
    // Both views name the one storage.
    expect(model.get('b')!.storage).toEqual(model.get('w')!.storage);
  });

  it('reads numbers, strings, lists and tuples', () => {
    const w = new PickleWriter();
    w.op(0x5d).put().op(0x28).int(7).int(300).int(70000).op(0x4a, 0xff, 0xff, 0xff, 0xff); // [7, 300, 70000, -1
    w.op(0x8a, 2, 0x00, 0x80).op(0x47, 0x3f, 0xf8, 0, 0, 0, 0, 0, 0).op(0x4e, 0x88).unicode('é'); // LONG1 -32768, 1.5, None, True, 'é'
    w.op(0x8c, 1, 0x61).op(0x43, 2, 1, 2).intTuple([1, 2]).op(0x65); // 'a', b'\x01\x02', (1, 2)]
    expect(unpickle(w.finish())).toEqual([7, 300, 70000, -1, -32768, 1.5, null, true, 'é', 'a', Uint8Array.of(1, 2), [1, 2]]);
  });

  it('appends a long run of values and nests deeply without recursion', () => {
    const long = new PickleWriter().op(0x5d, 0x28); // EMPTY_LIST MARK
    for (let i = 0; i < 300_000; i++) long.op(0x4e); // NONE
    expect((unpickle(long.op(0x65).finish()) as unknown[]).length).toBe(300_000); // APPENDS
    const deep = new Uint8Array(200_000).fill(0x5d, 0, 100_000).fill(0x61, 100_000, 199_999); // 100,000 EMPTY_LIST, 99,999 APPEND: [[[...]]]
    deep[199_999] = 0x2e; // STOP
    let depth = 0;
    for (let v = unpickle(deep) as unknown[]; v; v = v[0] as unknown[]) depth++;
    expect(depth).toBe(100_000);
  });

  it('keeps an unknown global as an opaque value instead of calling it', () => {
    const w = new PickleWriter();
    w.global('argparse', 'Namespace').op(0x29, 0x52).put().op(0x7d).unicode('lr').int(3).op(0x73, 0x62); // Namespace() BUILD {'lr': 3}
    const value = unpickle(w.finish()) as PyOpaque;
    expect(value).toBeInstanceOf(PyOpaque);
    expect(value.callable.qualified).toBe('argparse.Namespace');
    expect(value.state).toEqual(new Map([['lr', 3]]));
  });

  it('refuses a pickle that names a global only code-running pickles need', () => {
    const w = new PickleWriter();
    w.global('os', 'system').unicode('touch /tmp/pwned').op(0x85, 0x52);
    expect(() => unpickle(w.finish(), 'evil.pt')).toThrow(/^evil\.pt: forbidden global os\.system: this is no plain checkpoint but a pickle that would run code when loaded/);
    const b = new PickleWriter().global('builtins', 'eval');
    expect(() => unpickle(b.finish())).toThrow(/forbidden global builtins\.eval/);
  });

  it('names an opcode it does not read, and a pickle cut short', () => {
    expect(() => unpickle(Uint8Array.of(0x80, 2, 0x49, 0x31, 0x0a, 0x2e))).toThrow('pickle: unsupported pickle opcode 0x49 (byte 2)');
    expect(() => unpickle(Uint8Array.of(0x80, 2, 0x58, 10, 0, 0, 0, 0x61))).toThrow(/the pickle ends early/);
  });
});
