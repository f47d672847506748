import { describe, expect, it } from 'vitest';
import { decodeMessage, encodeMessage } from './wire';

describe('wire format', () => {
  it('round-trips JSON with typed arrays of several kinds', () => {
    const mask = new Uint8Array([0, 128, 255, 7]);
    const logits = new Float32Array([-1.5, 0, 3.25]);
    const msg = { id: 3, ok: true, result: { mask: { width: 2, height: 2, data: mask }, logits, list: [new Uint8Array([9]), 'x'] } };
    const back = decodeMessage(encodeMessage(msg)) as typeof msg;
    expect(back.id).toBe(3);
    expect(Array.from(back.result.mask.data)).toEqual([0, 128, 255, 7]);
    expect(back.result.logits).toBeInstanceOf(Float32Array);
    expect(Array.from(back.result.logits)).toEqual([-1.5, 0, 3.25]);
    expect(Array.from(back.result.list[0] as Uint8Array)).toEqual([9]);
    expect(back.result.list[1]).toBe('x');
  });

  it('keeps the bytes of a view into a larger buffer only', () => {
    const big = new Uint8Array(100).map((_, i) => i);
    const view = big.subarray(10, 14);
    const back = decodeMessage(encodeMessage({ v: view })) as { v: Uint8Array };
    expect(Array.from(back.v)).toEqual([10, 11, 12, 13]);
  });

  it('rejects a truncated message', () => {
    const encoded = encodeMessage({ v: new Uint8Array(64) });
    expect(() => decodeMessage(encoded.subarray(0, encoded.length - 10))).toThrow(/Malformed/);
  });
});
