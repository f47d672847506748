import { describe, expect, it } from 'vitest';
import { patchObjectMeta } from './object-meta';

const meta = { name: 'Object 1', color: '#ff6b6b', hidden: false, locked: false };

describe('patchObjectMeta', () => {
  it('applies name, colour and flags', () => {
    expect(patchObjectMeta(meta, { name: '  Hero ', color: '#00AA00', hidden: true, locked: true })).toEqual({ name: 'Hero', color: '#00aa00', hidden: true, locked: true });
    expect(patchObjectMeta(meta, {})).toEqual(meta);
  });

  it.each([
    [{ name: '  ' }, /needs a name/],
    [{ color: 'blue' }, /not a #rrggbb colour/],
    [{ locked: 'yes' }, /locked must be true or false/],
    [{ solo: true }, /Unknown object field solo/],
    [null, /must be an object/],
  ])('refuses %j', (patch, message) => {
    expect(() => patchObjectMeta(meta, patch)).toThrow(message);
  });
});
