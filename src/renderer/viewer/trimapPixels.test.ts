import { describe, expect, it } from 'vitest';
import { trimapPixels } from './trimapPixels';

describe('trimapPixels', () => {
  const frame = { width: 3, height: 1, data: Uint8Array.from([200, 100, 40, 255, 200, 100, 40, 255, 200, 100, 40, 255]) };

  it('keeps foreground, dims background and tints the unknown band', () => {
    const out = trimapPixels(frame, { width: 3, height: 1, data: Uint8Array.from([255, 0, 128]) });
    expect(Array.from(out.slice(0, 4))).toEqual([200, 100, 40, 255]);
    expect(Array.from(out.slice(4, 8))).toEqual([50, 25, 10, 255]);
    // The band leans to amber: more red than green, more green than blue.
    expect(out[8]).toBeGreaterThan(out[9]);
    expect(out[9]).toBeGreaterThan(out[10]);
    expect(out[9]).toBeGreaterThan(100);
  });

  it('refuses a trimap of another size', () => {
    expect(() => trimapPixels(frame, { width: 1, height: 1, data: new Uint8Array(1) })).toThrow(/does not match/);
  });
});
