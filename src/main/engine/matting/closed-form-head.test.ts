import { describe, expect, it } from 'vitest';
import { ClosedFormHead } from './closed-form-head';
import { GuidedFilterHead } from './guided-filter-head';
import { alphamattingNames, changedKnown, loadSet, syntheticNames, unknownSad } from './testing/matting-sets';

describe('ClosedFormHead', () => {
  const head = new ClosedFormHead();
  const guided = new GuidedFilterHead();

  // Over the whole sets (measured): synthetic-matting 5.51, alphamatting 4.55 against the reference
  // closed-form solution's 5.70 and 4.62 (../shared/data/README.md); guided filter 6.38 and 5.32.
  // On these subsets: 3.90 and 1.24; guided filter 4.84 and 1.65.
  it.each([
    ['synthetic-matting', syntheticNames([3, 6, 7]), 4.1],
    ['alphamatting', alphamattingNames([1, 5, 12, 14, 19, 20]), 1.35],
  ])('final reaches closed-form matting on %s', async (dir, names, bar) => {
    const samples = await loadSet(dir, names);
    let final = 0, start = 0;
    for (const s of samples) {
      const out = await head.matte({ image: s.image, trimap: s.trimap, quality: 'final' });
      expect(changedKnown(out.data, s.trimap)).toBe(0);
      final += unknownSad(out.data, s.alpha, s.trimap) / samples.length;
      start += unknownSad((await guided.matte({ image: s.image, trimap: s.trimap, quality: 'final' })).data, s.alpha, s.trimap) / samples.length;
    }
    console.log(`${dir} [${names.join(' ')}]: closed-form final SAD ${final.toFixed(2)}, guided filter ${start.toFixed(2)}`);
    expect(final).toBeLessThan(bar);
    expect(final).toBeLessThan(0.88 * start);
  });

  it('gives the guided filter preview for preview quality', async () => {
    const [s] = await loadSet('synthetic-matting', syntheticNames([3]));
    const input = { image: s.image, trimap: s.trimap, quality: 'preview' as const };
    expect((await head.matte(input)).data).toEqual((await guided.matte(input)).data);
  });

  it('says when image and trimap sizes differ, and stops when aborted', async () => {
    const image = { width: 8, height: 8, data: new Uint8Array(256) };
    await expect(head.matte({ image, trimap: { width: 4, height: 8, data: new Uint8Array(32).fill(128) }, quality: 'final' })).rejects.toThrow(/differ/);
    const controller = new AbortController();
    controller.abort();
    await expect(head.matte({ image, trimap: { width: 8, height: 8, data: new Uint8Array(64).fill(128) }, quality: 'final' }, controller.signal)).rejects.toThrow(/Cancelled/);
  });
});
