import { describe, expect, it } from 'vitest';
import { addRationals, formatRational, framesToSeconds, multiplyRationals, parseRational, rational, rationalValue } from './rational';

describe('rational', () => {
  it('keeps NTSC rates exact and reduces the rest', () => {
    expect(parseRational('30000/1001')).toEqual({ num: 30000, den: 1001 });
    expect(parseRational('60/2')).toEqual({ num: 30, den: 1 });
    expect(parseRational('7200000/240240')).toEqual({ num: 30000, den: 1001 });
    expect(parseRational('24')).toEqual({ num: 24, den: 1 });
    expect(formatRational({ num: 24000, den: 1001 })).toBe('24000/1001');
  });

  it('rejects unknown rates', () => {
    for (const text of ['0/0', '25/0', '-25/1', 'abc', '', undefined]) expect(parseRational(text)).toBeNull();
  });

  it('converts frames to seconds', () => {
    expect(framesToSeconds(289, { num: 30000, den: 1001 })).toBeCloseTo(9.6429667, 6);
    expect(framesToSeconds(48, { num: 24, den: 1 })).toBe(2);
  });
});

describe('rational arithmetic', () => {
  it('stays exact and reduced', () => {
    expect(addRationals({ num: 1001, den: 30000 }, { num: 1001, den: 30000 })).toEqual({ num: 1001, den: 15000 });
    expect(multiplyRationals({ num: 30, den: 1 }, { num: 1001, den: 30000 })).toEqual({ num: 1001, den: 1000 });
    expect(rational(0, -5)).toEqual({ num: 0, den: 1 });
    expect(rational(3, -6)).toEqual({ num: -1, den: 2 });
    expect(rationalValue({ num: 1001, den: 1000 })).toBe(1.001);
  });

  it('refuses what it cannot keep exact', () => {
    expect(() => rational(1, 0)).toThrow(RangeError);
    expect(() => rational(0.5, 1)).toThrow(RangeError);
  });
});
