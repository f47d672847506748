import { describe, expect, it } from 'vitest';
import { BandBridge } from '../bridge/band-bridge';
import { matteRegions } from '../compose';
import { SHARED_DATA_TAG, sharedData } from '../../../testing/paths';
import { readImageGray, readImageRgba } from '../../media/image-file';
import { ClosedFormHead, unpinnedNear } from './closed-form-head';
import { GuidedFilterHead } from './guided-filter-head';
import { alphamattingNames, changedKnown, loadSet, syntheticNames, unknownSad } from './testing/matting-sets';

describe('ClosedFormHead', () => {
  const head = new ClosedFormHead();
  const guided = new GuidedFilterHead();

  // Over the whole sets (measured): synthetic-matting 5.73, alphamatting 4.85 against the reference
  // closed-form solution's 5.70 and 4.62 (../shared/data/README.md); guided filter 6.24 and 5.33.
  // On these subsets: 3.98 and 1.34; guided filter 4.52 and 1.61.
  it.each([
    ['synthetic-matting', syntheticNames([3, 6, 7]), 4.4],
    ['alphamatting', alphamattingNames([1, 5, 12, 14, 19, 20]), 1.45],
  ])('final reaches closed-form matting on %s', { tags: [SHARED_DATA_TAG] }, async (dir, names, bar) => {
    const samples = await loadSet(dir, names);
    let final = 0,
      start = 0;
    for (const s of samples) {
      const out = await head.matte({ image: s.image, trimap: s.trimap, quality: 'final' });
      expect(changedKnown(out.data, s.trimap)).toBe(0);
      final += unknownSad(out.data, s.alpha, s.trimap) / samples.length;
      start += unknownSad((await guided.matte({ image: s.image, trimap: s.trimap, quality: 'final' })).data, s.alpha, s.trimap) / samples.length;
    }
    console.log(`${dir} [${names.join(' ')}]: closed-form final SAD ${final.toFixed(2)}, guided filter ${start.toFixed(2)}`);
    expect(final).toBeLessThan(bar);
    expect(final).toBeLessThan(0.92 * start);
  });

  it("beats a GT mask in the bridge's band, where the band's known pixels are partly wrong", { tags: [SHARED_DATA_TAG] }, async () => {
    // The mask is the truth at alpha >= 0.5: strands and the veil outside the band are labelled
    // background or foreground, and pure closed-form would spread those labels (see the prior).
    const bridge = new BandBridge();
    let matte = 0,
      mask = 0;
    for (const s of await loadSet('synthetic-matting', syntheticNames([0, 1, 2, 3, 4, 5, 6, 7]))) {
      const binary = { ...s.alpha, data: s.alpha.data.map((v) => (v >= 128 ? 255 : 0)) };
      const out = await matteRegions(s.image, bridge.propose(binary, s.image.width, s.image.height), head, 'final');
      matte += unknownSad(out.data, s.alpha, s.trimap);
      mask += unknownSad(binary.data, s.alpha, s.trimap);
    }
    console.log(`closed-form final in the bridge's band from GT masks: SAD ${(matte / 8).toFixed(2)} against the mask's ${(mask / 8).toFixed(2)} per image`);
    // Measured 6.37 against 7.31 per image (pure closed-form: 8.19).
    expect(matte).toBeLessThan(0.96 * mask);
  });

  it('lets a mask-guessed band edge move while solving, and keeps it where it was drawn', { tags: [SHARED_DATA_TAG] }, async () => {
    // synthetic-video: dense strands and motion blur make a soft zone wider than the band of a GT mask.
    const bridge = new BandBridge();
    let pinned = 0,
      unpinned = 0;
    for (const name of ['00008.png', '00020.png', '00032.png']) {
      const image = await readImageRgba(sharedData('synthetic-video', 'frames', name));
      const truth = await readImageGray(sharedData('synthetic-video', 'alpha', name));
      const proposal = bridge.propose({ ...truth, data: truth.data.map((v) => (v >= 128 ? 255 : 0)) }, truth.width, truth.height);
      const error = (out: { data: Uint8Array }) => out.data.reduce((sum, v, i) => sum + Math.abs(v - truth.data[i]), 0) / 255 / 1000;
      const guessed = await matteRegions(image, proposal, head, 'final');
      expect(changedKnown(guessed.data, proposal.trimap)).toBe(0);
      unpinned += error(guessed);
      pinned += error(await matteRegions(image, { ...proposal, knownFromMask: false }, head, 'final'));
    }
    console.log(`closed-form final on synthetic-video GT masks: SAD ${unpinned.toFixed(2)} with the band's labels free to move, ${pinned.toFixed(2)} pinned`);
    expect(unpinned).toBeLessThan(0.97 * pinned);
  });

  it('unpins the known pixels near the unknown region, starting them at their labels', () => {
    // One row: background, 2 unknown, foreground.
    const trimap = { width: 8, height: 1, data: Uint8Array.from([0, 0, 0, 128, 128, 255, 255, 255]) };
    const alpha = new Float32Array(8).fill(0.5);
    expect(Array.from(unpinnedNear(trimap, alpha, 2).data)).toEqual([0, 128, 128, 128, 128, 128, 128, 255]);
    expect(Array.from(alpha)).toEqual([0.5, 0, 0, 0.5, 0.5, 1, 1, 0.5]);
  });

  it('gives the guided filter preview for preview quality', { tags: [SHARED_DATA_TAG] }, async () => {
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
