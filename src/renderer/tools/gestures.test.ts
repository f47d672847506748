import { describe, expect, it } from 'vitest';
import { boxFromDrag, clampToImage, extendStroke, isClick, isInside, roundPoint } from './gestures';

const size = { width: 100, height: 50 };

describe('gestures', () => {
  it('tells clicks from drags', () => {
    expect(isClick({ x: 10, y: 10 }, { x: 12, y: 13 })).toBe(true);
    expect(isClick({ x: 10, y: 10 }, { x: 20, y: 10 })).toBe(false);
  });

  it('knows what lies on the image', () => {
    expect(isInside({ x: 0, y: 0 }, size)).toBe(true);
    expect(isInside({ x: 100, y: 10 }, size)).toBe(false);
    expect(isInside({ x: -0.1, y: 10 }, size)).toBe(false);
    expect(clampToImage({ x: -5, y: 80 }, size)).toEqual({ x: 0, y: 50 });
  });

  it('normalises and clips boxes', () => {
    expect(boxFromDrag({ x: 90, y: 60 }, { x: 10, y: -5 }, size)).toEqual({ kind: 'box', x0: 10, y0: 0, x1: 90, y1: 50 });
  });

  it('drops boxes that are slips', () => {
    expect(boxFromDrag({ x: 10, y: 10 }, { x: 11, y: 40 }, size)).toBeNull();
  });

  it('thins stroke points closer than the step', () => {
    let pts = extendStroke([], { x: 0, y: 0 }, 2);
    pts = extendStroke(pts, { x: 1, y: 0 }, 2);
    pts = extendStroke(pts, { x: 3, y: 0 }, 2);
    expect(pts).toEqual([0, 0, 3, 0]);
  });

  it('rounds to a tenth of a pixel', () => {
    expect(roundPoint({ x: 1.234, y: 5.678 })).toEqual({ x: 1.2, y: 5.7 });
  });
});
