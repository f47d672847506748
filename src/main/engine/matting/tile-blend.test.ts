import { describe, expect, it } from 'vitest';
import { gridTiles, TileBlender } from './tile-blend';

describe('gridTiles', () => {
  it('covers the frame with tiles no larger than asked, overlapping by at least the overlap', () => {
    const tiles = gridTiles(1000, 300, 256, 32);
    const covered = new Uint8Array(1000 * 300);
    for (const t of tiles) {
      expect(t.width).toBe(256);
      expect(t.x + t.width <= 1000 && t.y + t.height <= 300).toBe(true);
      for (let y = t.y; y < t.y + t.height; y++) covered.fill(1, y * 1000 + t.x, y * 1000 + t.x + t.width);
    }
    expect(covered.every((v) => v === 1)).toBe(true);
    const xs = [...new Set(tiles.map((t) => t.x))].sort((a, b) => a - b);
    for (let k = 1; k < xs.length; k++) expect(xs[k - 1] + 256 - xs[k]).toBeGreaterThanOrEqual(32);
    expect(gridTiles(100, 50, 256, 32)).toEqual([{ x: 0, y: 0, width: 100, height: 50 }]);
  });
});

describe('TileBlender', () => {
  it('weights overlapping tiles by distance from their edges and falls back where nothing was added', () => {
    // Tiles as tall as the frame; the middle row (y = 2) is 2 from their top and bottom edges.
    const blender = new TileBlender(6, 5);
    blender.add(new Array(20).fill(10), { x: 0, y: 0, width: 4, height: 5 });
    blender.add(new Array(15).fill(40), { x: 2, y: 0, width: 3, height: 5 }, (i) => i % 6 !== 4);
    const middle = 2 * 6;
    // Pixel 2: 2 from the first tile's right edge, on the second's left edge (weight 1).
    expect(blender.value(middle + 2, -1)).toBeCloseTo((2 * 10 + 1 * 40) / 3);
    // Pixel 3: on the first tile's right edge, in the middle of the second (weight 2).
    expect(blender.value(middle + 3, -1)).toBeCloseTo((10 + 2 * 40) / 3);
    expect(blender.value(middle + 4, -1)).toBe(-1);
    expect(blender.value(middle, -1)).toBe(10);
  });
});
