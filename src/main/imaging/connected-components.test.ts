import { describe, expect, it } from 'vitest';
import { componentsOverlapping, fillHoles, labelComponents } from './connected-components';

function parse(rows: string[]): { mask: Uint8Array; width: number; height: number } {
  const width = rows[0].length;
  const mask = Uint8Array.from(rows.join('').split(''), (c) => (c === '#' ? 255 : 0));
  return { mask, width, height: rows.length };
}

describe('labelComponents', () => {
  it('joins diagonal neighbours when 8-connected, not when 4-connected', () => {
    // Two pixels touching only at a corner.
    const mask = Uint8Array.from([255, 0, 0, 255]);
    expect(labelComponents(mask, 2, 2).count).toBe(1);
    const four = labelComponents(mask, 2, 2, 128, 4);
    expect(four.count).toBe(2);
    expect(Array.from(four.areas)).toEqual([0, 1, 1]);
  });

  const { mask, width, height } = parse([
    '##....#', //
    '.#....#',
    '..#....',
    '.....##',
    '#....##',
  ]);

  it('labels 8-connected regions with their areas', () => {
    const c = labelComponents(mask, width, height);
    expect(c.count).toBe(4);
    expect(
      Array.from(c.areas)
        .slice(1)
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 4, 4]);
    // The diagonal chain is one component.
    expect(c.labels[0]).toBe(c.labels[2 * width + 2]);
    expect(c.labels[3]).toBe(0);
  });

  it('keeps the components that touch an anchor', () => {
    const c = labelComponents(mask, width, height);
    const anchor = new Uint8Array(width * height);
    anchor[4 * width + 6] = 255;
    const keep = componentsOverlapping(c, anchor);
    const kept = Array.from(c.labels).map((l) => keep[l]);
    expect(kept.filter(Boolean).length).toBe(4);
    expect(keep[c.labels[3 * width + 5]]).toBe(1);
    expect(keep[c.labels[0]]).toBe(0);
    // Requiring half the component under the anchor drops it.
    expect(componentsOverlapping(c, anchor, 0.5)[c.labels[4 * width + 6]]).toBe(0);
  });
});

describe('fillHoles', () => {
  it('fills enclosed holes up to a size, not dents open to the border', () => {
    const { mask, width, height } = parse([
      '#######', //
      '#..#..#',
      '#..#..#',
      '####.##',
      '#.#....',
    ]);
    fillHoles(mask, width, height, 4, 200);
    const rows = Array.from({ length: height }, (_, y) => Array.from(mask.subarray(y * width, (y + 1) * width), (v) => (v === 200 ? 'o' : v ? '#' : '.')).join(''));
    // The left 2x2 hole is filled; the right one leaks to the border through the gap; the 1-pixel hole at the bottom left touches the border.
    expect(rows).toEqual(['#######', '#oo#..#', '#oo#..#', '####.##', '#.#....']);
  });
});
