import { describe, expect, it } from 'vitest';
import { objectRequest, toggleObject } from './exportObjects';

describe('export object choice', () => {
  it('keeps the list order and drops objects that no longer exist', () => {
    expect(objectRequest({ objectIds: [3, 1, 9], split: 'per-object' }, [1, 2, 3])).toEqual({ objectIds: [1, 3], split: 'per-object' });
  });

  it('refuses an export of no object', () => {
    expect(objectRequest({ objectIds: [], split: 'merged' }, [1, 2])).toEqual({ error: 'Choose at least one object to export.' });
  });

  it('toggles an object in and out', () => {
    expect(toggleObject([1, 2], 2)).toEqual([1]);
    expect(toggleObject([1], 2)).toEqual([1, 2]);
  });
});
