import { describe, expect, it } from 'vitest';
import type { ObjectSummary } from '../../shared/api';
import { NEUTRAL_MATTE } from '../../shared/matte-controls';
import { editBlockedReason, visibleObjectIds } from './visibility';

const object = (objectId: number, extra: Partial<ObjectSummary> = {}): ObjectSummary => ({
  objectId,
  name: `Object ${objectId}`,
  color: '#ffffff',
  hidden: false,
  locked: false,
  overlay: 'both',
  opacity: 0.5,
  promptFrames: [],
  trackedFrames: [],
  staleFrames: [],
  matte: NEUTRAL_MATTE,
  ...extra,
});

describe('visibleObjectIds', () => {
  const objects = [object(1), object(2, { hidden: true }), object(3)];

  it('leaves hidden objects out', () => {
    expect(visibleObjectIds(objects, null)).toEqual([1, 3]);
  });

  it('shows a soloed object alone, even a hidden one', () => {
    expect(visibleObjectIds(objects, 3)).toEqual([3]);
    expect(visibleObjectIds(objects, 2)).toEqual([2]);
  });

  it('ignores a solo of a removed object', () => {
    expect(visibleObjectIds(objects, 9)).toEqual([1, 3]);
  });
});

describe('editBlockedReason', () => {
  it('names a locked object and lets others through', () => {
    expect(editBlockedReason(object(1, { locked: true, name: 'Hair' }))).toMatch(/Hair is locked/);
    expect(editBlockedReason(object(1))).toBeNull();
    expect(editBlockedReason(undefined)).toBeNull();
  });
});
