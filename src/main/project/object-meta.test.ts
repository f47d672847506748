import { describe, expect, it } from 'vitest';
import { NEUTRAL_MATTE } from '../../shared/matte-controls';
import { patchObjectMeta } from './object-meta';
import type { ObjectMeta } from './project-model';

const meta: ObjectMeta = { name: 'Object 1', color: '#ff6b6b', hidden: false, locked: false, overlay: 'both', opacity: 0.5, matte: NEUTRAL_MATTE };

describe('patchObjectMeta', () => {
  it('applies name, colour and flags', () => {
    expect(patchObjectMeta(meta, { name: '  Hero ', color: '#00AA00', hidden: true, locked: true })).toEqual({
      ...meta,
      name: 'Hero',
      color: '#00aa00',
      hidden: true,
      locked: true,
    });
    expect(patchObjectMeta(meta, {})).toEqual(meta);
  });

  it('applies the overlay mode and opacity', () => {
    expect(patchObjectMeta(meta, { overlay: 'outline', opacity: 0.25 })).toEqual({ ...meta, overlay: 'outline', opacity: 0.25 });
  });

  it('changes the matte controls named, clamped to their ranges, grow to whole pixels', () => {
    const next = patchObjectMeta(meta, { matte: { grow: 4.4, contrast: 3, shiftEdge: -0.25, temporalStability: -1 } });
    expect(next.matte).toEqual({ ...NEUTRAL_MATTE, grow: 4, contrast: 1, shiftEdge: -0.25, temporalStability: 0 });
    expect(patchObjectMeta(next, { matte: { feather: 2.5 } }).matte).toEqual({ ...next.matte, feather: 2.5 });
    expect(meta.matte).toEqual(NEUTRAL_MATTE);
  });

  it.each([
    [{ name: '  ' }, /needs a name/],
    [{ color: 'blue' }, /not a #rrggbb colour/],
    [{ locked: 'yes' }, /locked must be true or false/],
    [{ solo: true }, /Unknown object field solo/],
    [{ overlay: 'glow' }, /overlay must be one of outline, fill, both/],
    [{ opacity: 1.5 }, /opacity must be a number from 0 to 1/],
    [{ matte: { blur: 2 } }, /Unknown matte control blur; known: grow, feather/],
    [{ matte: { feather: 'soft' } }, /Feather must be a number from 0 to 40, not soft/],
    [{ matte: 5 }, /Matte controls must be an object/],
    [null, /must be an object/],
  ])('refuses %j', (patch, message) => {
    expect(() => patchObjectMeta(meta, patch)).toThrow(message);
  });
});
