import { describe, expect, it } from 'vitest';
import { claimBySeeds } from './seed-regions';

describe('claimBySeeds', () => {
  it('splits a region between seeds by geodesic closeness and ignores what no seed reaches', () => {
    // A 9-wide bar with a separate blob on the right; seeds at both ends of the bar.
    const rows = ['#########..##', '#########..##'];
    const width = rows[0].length;
    const region = Uint8Array.from(rows.join(''), (c) => (c === '#' ? 255 : 0));
    const seeds = new Uint8Array(region.length);
    seeds[0] = 1;
    seeds[8] = 2;
    const owner = claimBySeeds(region, seeds, width, 2);
    expect(Array.from(owner.subarray(0, width))).toEqual([1, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0]);
    expect(owner[width + 11]).toBe(0);
  });

  it('does not start from seeds outside the region', () => {
    const owner = claimBySeeds(Uint8Array.of(0, 255, 255), Uint8Array.of(1, 0, 0), 3, 1);
    expect(Array.from(owner)).toEqual([0, 0, 0]);
  });
});
