import { describe, expect, it } from 'vitest';
import type { Prompt } from '../../shared/prompts';
import { addPrompt, removeLastPrompt } from './promptEdits';

const point = (x: number): Prompt => ({ kind: 'point', x, y: 0, positive: true });
const box = (x1: number): Prompt => ({ kind: 'box', x0: 0, y0: 0, x1, y1: 10 });

describe('prompt edits', () => {
  it('appends points and strokes', () => {
    expect(addPrompt([point(1)], point(2))).toEqual([point(1), point(2)]);
  });

  it('replaces the box rather than stacking boxes', () => {
    expect(addPrompt([box(5), point(1)], box(9))).toEqual([point(1), box(9)]);
  });

  it('replaces an imported mask', () => {
    const mask = (v: number): Prompt => ({ kind: 'mask', width: 1, height: 1, data: Uint8Array.of(v) });
    expect(addPrompt([mask(1), point(3)], mask(2))).toEqual([point(3), mask(2)]);
  });

  it('removes the last prompt, and nothing from an empty list', () => {
    expect(removeLastPrompt([point(1), point(2)])).toEqual([point(1)]);
    expect(removeLastPrompt([])).toEqual([]);
  });
});
