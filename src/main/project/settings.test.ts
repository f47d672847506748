import { describe, expect, it } from 'vitest';
import { defaultSettings, patchSettings } from './settings';

const heads = ['guided-filter', 'vitmatte-s'];

describe('patchSettings', () => {
  it('applies a patch and clamps in/out points to the clip', () => {
    const next = patchSettings(defaultSettings(), { inPoint: -4, outPoint: 500, quality: 'final', head: 'vitmatte-s', exclusive: true }, 48, heads);
    expect(next).toEqual({ head: 'vitmatte-s', quality: 'final', inPoint: 0, outPoint: 47, exclusive: true });
  });

  it('clears a point with null and leaves the rest alone', () => {
    const withIn = patchSettings(defaultSettings(), { inPoint: 10 }, 48, heads);
    expect(patchSettings(withIn, { inPoint: null }, 48, heads)).toEqual(defaultSettings());
  });

  it.each([
    [{ head: 'nope' }, /Unknown matting head nope; known: guided-filter, vitmatte-s/],
    [{ quality: 'best' }, /preview or final/],
    // Chatter reduction is each object's now (a matte control).
    [{ temporalStability: 0.5 }, /Unknown setting temporalStability/],
    [{ inPoint: 2.5 }, /in point must be a frame number/],
    [{ inPoint: 30, outPoint: 20 }, /in point \(frame 30\) must not be after the out point \(frame 20\)/],
    [{ colour: 'red' }, /Unknown setting colour/],
    [{ exclusive: 'yes' }, /Exclusive objects must be on or off/],
    ['fast', /object of changes/],
  ])('refuses %j clearly', (patch, message) => {
    const before = defaultSettings();
    expect(() => patchSettings(before, patch, 48, heads)).toThrow(message);
    expect(before).toEqual(defaultSettings());
  });
});
