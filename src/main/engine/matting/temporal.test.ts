import { describe, expect, it } from 'vitest';
import type { GrayImage, RgbaImage } from '../../../shared/media';
import { SHARED_DATA_TAG, sharedData } from '../../../testing/paths';
import { translatePlane } from '../../imaging/translate';
import { readImageGray, readImageRgba } from '../../media/image-file';
import { BandBridge } from '../bridge/band-bridge';
import { matteFrame } from '../compose';
import { GuidedFilterHead } from './guided-filter-head';
import { dtSSD, sad } from './metrics';
import { stabilizeAlpha } from './temporal';

const W = 48,
  H = 32;
const flat = (value: number): GrayImage => ({ width: W, height: H, data: new Uint8Array(W * H).fill(value) });

/** Grey background with a square of pseudo-random texture at (x0, 8), 16 px wide: a moving subject. */
function scene(x0: number): { image: RgbaImage; mask: GrayImage } {
  const image = { width: W, height: H, data: new Uint8Array(W * H * 4) };
  const mask = flat(0);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const i = y * W + x;
      const inside = x >= x0 && x < x0 + 16 && y >= 8 && y < 24;
      // Texture fixed to the subject: a hash of the position within it.
      const v = inside ? (((x - x0) * 73 + y * 151 + (((x - x0) * y * 29) % 97)) % 200) + 30 : 128;
      image.data.set([v, v, v, 255], 4 * i);
      if (inside) mask.data[i] = 255;
    }
  }
  return { image, mask };
}

describe('stabilizeAlpha', () => {
  it('blends with the previous alpha where nothing moved, by the strength', () => {
    const { image } = scene(10);
    const input = { alpha: flat(200), previousAlpha: flat(100), image, previousImage: image };
    expect([...new Set(stabilizeAlpha({ ...input, strength: 0.5 }).data)]).toEqual([150]);
    expect([...new Set(stabilizeAlpha({ ...input, strength: 0 }).data)]).toEqual([200]);
    expect([...new Set(stabilizeAlpha({ ...input, strength: 1 }).data)]).toEqual([100]);
  });

  it('leaves a moving subject alone without masks, and follows its motion with them', () => {
    const before = scene(10),
      now = scene(16);
    const input = { alpha: flat(200), previousAlpha: flat(100), image: now.image, previousImage: before.image, strength: 1 };
    const centre = 16 * W + 24; // inside the subject in both frames, but showing other texture in place
    const background = 2 * W + 2;
    const unguided = stabilizeAlpha(input);
    expect(unguided.data[centre]).toBeGreaterThan(195); // no smear of the old alpha across a moved edge
    expect(unguided.data[background]).toBe(100); // the still background is held
    const guided = stabilizeAlpha({ ...input, mask: now.mask, previousMask: before.mask });
    expect(guided.data[centre]).toBe(100); // the same texture, 6 px to the left, was matted 100 before
  });

  it('removes most of the chatter a jittering mask causes on a still shot', { tags: [SHARED_DATA_TAG], timeout: 60_000 }, async () => {
    // synthetic-matting/000 held for 12 frames; the mask (alpha ≥ 0.5) shakes by a pixel left and
    // right as a tracker's does, so band, tiles and alpha move while the truth stands still.
    const image = await readImageRgba(sharedData('synthetic-matting', 'image', '000.png'));
    const truth = await readImageGray(sharedData('synthetic-matting', 'alpha', '000.png'));
    const { width, height } = truth;
    const mask = truth.data.map((v) => (v >= 128 ? 255 : 0));
    const bridge = new BandBridge();
    const head = new GuidedFilterHead();
    const raw: GrayImage[] = [],
      stable: GrayImage[] = [],
      masks: GrayImage[] = [];
    for (let t = 0; t < 12; t++) {
      masks.push({ width, height, data: translatePlane(mask, width, height, (t % 3) - 1, 0) });
      raw.push(await matteFrame(image, [masks[t]], bridge, head, 'final'));
      stable.push(
        t === 0 ? raw[0] : stabilizeAlpha({ alpha: raw[t], previousAlpha: stable[t - 1], image, previousImage: image, mask: masks[t], previousMask: masks[t - 1], strength: 0.5 }),
      );
    }
    const truths = raw.map(() => truth);
    const all = new Uint8Array(width * height).fill(1);
    const meanSad = (mattes: GrayImage[]) => mattes.reduce((sum, m) => sum + sad(m, truth, all), 0) / mattes.length;
    const [rawDt, stableDt, rawSad, stableSad] = [dtSSD(raw, truths), dtSSD(stable, truths), meanSad(raw), meanSad(stable)];
    console.log(`still shot, jittering mask: dtSSD ${rawDt.toFixed(2)} → ${stableDt.toFixed(2)} stabilised; SAD ${rawSad.toFixed(2)} → ${stableSad.toFixed(2)}`);
    expect(stableDt).toBeLessThan(0.6 * rawDt);
    expect(stableSad).toBeLessThan(1.02 * rawSad);
  });

  it('reduces chatter on synthetic-video without costing accuracy', { tags: [SHARED_DATA_TAG], timeout: 120_000 }, async () => {
    // Mattes per frame by the bridge and the guided-filter head from the GT masks (alpha ≥ 0.5),
    // stabilised with the masks as the tracker's; dtSSD and SAD over whole frames against the truth.
    // Measured: dtSSD 9.06 → 8.57 (first bridge), 9.26 → 9.00 (adaptive bridge); SAD a little lower.
    // Most of what is left is error that moves with the subject, which no blending in time removes
    // (the still shot above shows what it does to chatter), so the bar here is only: lower, no worse SAD.
    const bridge = new BandBridge();
    const head = new GuidedFilterHead();
    const frames: RgbaImage[] = [],
      truths: GrayImage[] = [],
      masks: GrayImage[] = [],
      raw: GrayImage[] = [],
      stable: GrayImage[] = [];
    for (let t = 0; t < 48; t++) {
      const name = `${String(t).padStart(5, '0')}.png`;
      frames.push(await readImageRgba(sharedData('synthetic-video', 'frames', name)));
      truths.push(await readImageGray(sharedData('synthetic-video', 'alpha', name)));
      masks.push(await readImageGray(sharedData('synthetic-video', 'masks', name)));
      raw.push(await matteFrame(frames[t], [masks[t]], bridge, head, 'final'));
      stable.push(
        t === 0
          ? raw[0]
          : stabilizeAlpha({
              alpha: raw[t],
              previousAlpha: stable[t - 1],
              image: frames[t],
              previousImage: frames[t - 1],
              mask: masks[t],
              previousMask: masks[t - 1],
              strength: 0.5,
            }),
      );
    }
    const all = new Uint8Array(frames[0].width * frames[0].height).fill(1);
    const meanSad = (mattes: GrayImage[]) => mattes.reduce((sum, m, t) => sum + sad(m, truths[t], all), 0) / mattes.length;
    const [rawDt, stableDt, rawSad, stableSad] = [dtSSD(raw, truths), dtSSD(stable, truths), meanSad(raw), meanSad(stable)];
    console.log(`synthetic-video: dtSSD ${rawDt.toFixed(2)} → ${stableDt.toFixed(2)} stabilised; SAD ${rawSad.toFixed(2)} → ${stableSad.toFixed(2)}`);
    expect(stableDt).toBeLessThan(rawDt);
    expect(stableSad).toBeLessThan(1.02 * rawSad);
  });
});
