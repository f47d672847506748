import { describe, expect, it } from 'vitest';
import type { FrameMask, Matte } from '../../shared/api';
import { isComplete, newestArrived } from './useViewerContent';

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

describe('newestArrived', () => {
  const arrived =
    (...frames: number[]) =>
    (f: number) =>
      frames.includes(f) ? { index: f } : undefined;

  it('is the frame due when it is there, else the newest before it that is newer than the one shown', () => {
    expect(newestArrived({ index: 3 }, [10, 11, 12], arrived(10, 9))).toEqual({ index: 10 });
    expect(newestArrived({ index: 3 }, [10, 11, 12], arrived(9, 8))).toEqual({ index: 9 });
    expect(newestArrived({ index: 9 }, [10, 11, 12], arrived(8))).toEqual({ index: 9 });
    expect(newestArrived({ index: 9 }, [10, 11, 12], arrived(9))).toEqual({ index: 9 });
  });

  it('looks back against the direction of play, over twice the frames loaded ahead', () => {
    expect(newestArrived({ index: 20 }, [10, 9, 8], arrived(11, 12))).toEqual({ index: 11 });
    expect(newestArrived(undefined, [10, 11, 12], arrived(4))).toBeUndefined();
    expect(newestArrived(undefined, [10, 11, 12], arrived(5))).toEqual({ index: 5 });
  });
});
