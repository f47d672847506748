import { describe, expect, it } from 'vitest';
import { validateFrameIndex, validateFrameRange, validatePrompts } from './validate-prompts';

describe('validatePrompts', () => {
  it('accepts every kind of prompt inside the frame', () => {
    const prompts = [
      { kind: 'point', x: 10, y: 20, positive: true },
      { kind: 'box', x0: 0, y0: 0, x1: 100, y1: 50 },
      { kind: 'stroke', points: [1, 1, 5, 5], radius: 3, mode: 'subtract' },
      { kind: 'mask', width: 2, height: 1, data: new Uint8Array([0, 255]) },
    ];
    expect(validatePrompts(prompts, 100, 50)).toHaveLength(4);
  });

  it.each([
    [[{ kind: 'point', x: 101, y: 0, positive: true }], /outside the 100x50 frame/],
    [[{ kind: 'point', x: Number.NaN, y: 0, positive: true }], /outside/],
    [[{ kind: 'box', x0: 5, y0: 5, x1: 5, y1: 40 }], /box is empty/],
    [[{ kind: 'stroke', points: [1, 2, 3], radius: 2, mode: 'add' }], /even list/],
    [[{ kind: 'stroke', points: [1, 2], radius: 0, mode: 'add' }], /radius/],
    [[{ kind: 'mask', width: 2, height: 2, data: new Uint8Array(3) }], /expected 2x2/],
    [[{ kind: 'lasso' }], /unknown prompt kind lasso/],
    ['not a list', /must be a list/],
  ])('rejects %j with a clear message', (prompts, message) => {
    expect(() => validatePrompts(prompts, 100, 50)).toThrow(message);
  });
});

describe('validateFrameIndex', () => {
  it('names the valid range', () => {
    expect(validateFrameIndex(0, 10)).toBe(0);
    expect(() => validateFrameIndex(10, 10)).toThrow('Frame 10 is out of range: the clip has frames 0 to 9.');
    expect(() => validateFrameIndex(1.5, 10)).toThrow(/out of range/);
  });
});

describe('validateFrameRange', () => {
  it('takes both ends inside the clip, in order', () => {
    expect(validateFrameRange({ start: 2, end: 9 }, 10)).toEqual({ start: 2, end: 9 });
    expect(() => validateFrameRange({ start: 2, end: 10 }, 10)).toThrow('Frame 10 is out of range: the clip has frames 0 to 9.');
    expect(() => validateFrameRange({ start: 7, end: 2 }, 10, 'Export range')).toThrow('Export range 7-2 is empty: it ends before it starts.');
    expect(() => validateFrameRange('0-9', 10)).toThrow(/Range must be \{ start, end \}/);
    expect(() => validateFrameRange({ end: 9 }, 10)).toThrow('Frame undefined is out of range');
  });
});
