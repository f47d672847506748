import { describe, expect, it } from 'vitest';
import { ByteProgress } from './progress';

describe('ByteProgress', () => {
  it('sums the files, thins reports to per-mille steps, and always reports the end', () => {
    const reports: Array<[number, number]> = [];
    const progress = new ByteProgress([1000, 3000], (done, total) => reports.push([done, total]));
    for (let b = 0; b <= 1000; b++) progress.update(0, b, 1000);
    for (let b = 0; b <= 3000; b++) progress.update(1, b, 3000);
    expect(reports.length).toBeGreaterThan(900);
    expect(reports.length).toBeLessThanOrEqual(1001);
    expect(reports.at(-1)).toEqual([4000, 4000]);
    expect(reports.every(([done, total], i) => total === 4000 && (i === 0 || done >= reports[i - 1][0]))).toBe(true);
  });

  it('takes a size the HEAD request did not give from the response, and never reports done above total', () => {
    const reports: Array<[number, number]> = [];
    const progress = new ByteProgress([null, 500], (done, total) => reports.push([done, total]));
    progress.update(0, 200, null);
    expect(reports.at(-1)).toEqual([200, 700]);
    progress.update(0, 300, 1000);
    expect(reports.at(-1)).toEqual([300, 1500]);
  });
});
