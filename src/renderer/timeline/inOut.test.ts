import { describe, expect, it } from 'vitest';
import { inOutRange, markIn, markOut, NO_IN_OUT } from './inOut';

describe('in/out points', () => {
  it('default to the whole clip', () => {
    expect(inOutRange(NO_IN_OUT, 48)).toEqual({ start: 0, end: 47 });
  });

  it('limit the range', () => {
    expect(inOutRange(markOut(markIn(NO_IN_OUT, 5), 20), 48)).toEqual({ start: 5, end: 20 });
  });

  it('drop the other point when marked past it', () => {
    expect(markIn({ inPoint: 2, outPoint: 10 }, 12)).toEqual({ inPoint: 12, outPoint: null });
    expect(markOut({ inPoint: 8, outPoint: 30 }, 4)).toEqual({ inPoint: null, outPoint: 4 });
    expect(markIn({ inPoint: 2, outPoint: 10 }, 10)).toEqual({ inPoint: 10, outPoint: 10 });
  });

  it('stay inside a clip shorter than the stored points', () => {
    expect(inOutRange({ inPoint: 60, outPoint: 90 }, 48)).toEqual({ start: 47, end: 47 });
  });
});
