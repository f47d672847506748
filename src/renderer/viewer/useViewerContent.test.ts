import { describe, expect, it } from 'vitest';
import type { FrameMask, Matte } from '../../shared/api';
import { isComplete } from './useViewerContent';

const mask = { objectId: 1 } as FrameMask;
const base = { index: 5, mode: 'overlay' as const, masks: [mask], matte: null, trimap: null, previous: [] };

describe('isComplete', () => {
  it('wants a mask for every shown object in the mask modes, and the previous frames with onion skin', () => {
    expect(isComplete(base, 1, false)).toBe(true);
    expect(isComplete(base, 2, false)).toBe(false);
    expect(isComplete(base, 1, true)).toBe(false);
    expect(isComplete({ ...base, previous: [mask] }, 1, true)).toBe(true);
    expect(isComplete({ ...base, index: 0 }, 1, true)).toBe(true);
  });

  it('wants the matte in the matte modes and the trimap in the trimap mode', () => {
    expect(isComplete({ ...base, mode: 'alpha', masks: [] }, 1, false)).toBe(false);
    expect(isComplete({ ...base, mode: 'alpha', masks: [], matte: {} as Matte }, 1, false)).toBe(true);
    expect(isComplete({ ...base, mode: 'trimap', masks: [] }, 1, false)).toBe(false);
  });
});
