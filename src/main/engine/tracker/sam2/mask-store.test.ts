import { describe, expect, it } from 'vitest';
import { packMask, unpackMask } from './mask-store';

describe('packMask', () => {
  it('round-trips a mask exactly and stores one run per change', () => {
    const data = new Uint8Array(100);
    data.fill(255, 30, 60);
    data[60] = 128;
    const packed = packMask({ width: 10, height: 10, data });
    expect(Array.from(packed.values)).toEqual([0, 255, 128, 0]);
    expect(Array.from(packed.lengths)).toEqual([30, 30, 1, 39]);
    expect(unpackMask(packed)).toEqual({ width: 10, height: 10, data });
  });

  it('stores long runs in several varint bytes and short runs in one', () => {
    const data = new Uint8Array(1920 * 1080);
    data.fill(200, 1000, 1000 + 300);
    data[5000] = 7;
    const packed = packMask({ width: 1920, height: 1080, data });
    // 1000 = 0b111_1101000 → [0xe8, 0x07]; 300 → [0xac, 0x02]; 3700 → [0xf4, 0x1c]; 1 → [1]; the rest (2068599) → 3 bytes.
    expect(Array.from(packed.lengths.slice(0, 7))).toEqual([0xe8, 0x07, 0xac, 0x02, 0xf4, 0x1c, 1]);
    expect(packed.lengths.length).toBe(10);
    expect(unpackMask(packed)).toEqual({ width: 1920, height: 1080, data });
  });

  it('round-trips a soft-edged mask', () => {
    const data = Uint8Array.from({ length: 64 * 48 }, (_, i) => Math.max(0, Math.min(255, 400 - Math.hypot((i % 64) - 32, Math.floor(i / 64) - 24) * 20)));
    expect(unpackMask(packMask({ width: 64, height: 48, data })).data).toEqual(data);
  });
});
