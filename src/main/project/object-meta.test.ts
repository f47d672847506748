import { describe, expect, it } from 'vitest';
import { patchObjectMeta } from './object-meta';
import type { ObjectMeta } from './project-model';

const meta: ObjectMeta = { name: 'Object 1', color: '#ff6b6b', hidden: false, locked: false, overlay: 'both', opacity: 0.5 };

describe('patchObjectMeta', () => {
  it('applies name, colour and flags', () => {
    expect(patchObjectMeta(meta, { name: '  Hero ', color: '#00AA00', hidden: true, locked: true })).toEqual({ ...meta, name: 'Hero', color: '#00aa00', hidden: true, locked: true });
    expect(patchObjectMeta(meta, {})).toEqual(meta);
  });

  it('applies the overlay mode and opacity', () => {
    expect(patchObjectMeta(meta, { overlay: 'outline', opacity: 0.25 })).toEqual({ ...meta, overlay: 'outline', opacity: 0.25 });
  });

  it.each([
    [{ name: '  ' }, /needs a name/],
    [{ color: 'blue' }, /not a #rrggbb colour/],
    [{ locked: 'yes' }, /locked must be true or false/],
    [{ solo: true }, /Unknown object field solo/],
    [{ overlay: 'glow' }, /overlay must be one of outline, fill, both/],
    [{ opacity: 1.5 }, /opacity must be a number from 0 to 1/],
    [null, /must be an object/],
  ])('refuses %j', (patch, message) => {
    expect(() => patchObjectMeta(meta, patch)).toThrow(message);
  });
});
