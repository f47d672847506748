import { describe, expect, it } from 'vitest';
import { resizeGrayBilinear } from '../../shared/common/resize';
import type { MattingHead } from '../../shared/engine';
import type { GrayImage } from '../../shared/media';
import { SHARED_DATA_TAG, sharedData } from '../../testing/paths';
import { readImageGray, readImageRgba } from '../media/image-file';
import { BandBridge, TRIMAP_UNKNOWN } from './bridge/band-bridge';
import { matteFrame, matteFrameWithin, mergedTrimap } from './compose';
import { GuidedFilterHead } from './matting/guided-filter-head';

const bridge = new BandBridge();
const head = new GuidedFilterHead();

function disc(width: number, height: number, cx: number, cy: number, r: number): GrayImage {
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) data[y * width + x] = 255;
  return { width, height, data };
}

describe('matteFrame', () => {
  it('resolves soft alpha in the band and keeps exact 0/255 elsewhere', { tags: [SHARED_DATA_TAG] }, async () => {
    const image = await readImageRgba(sharedData('synthetic-matting', 'image', '002.png'));
    const truth = await readImageGray(sharedData('synthetic-matting', 'alpha', '002.png'));
    // The tracker's view: the object at 320 px wide.
    const mask = resizeGrayBilinear({ ...truth, data: truth.data.map((v) => (v >= 128 ? 255 : 0)) }, 320, 180);
    const started = performance.now();
    const alpha = await matteFrame(image, [mask], bridge, head, 'final');
    const ms = performance.now() - started;
    const { trimap } = bridge.propose(mask, image.width, image.height);
    let soft = 0,
      band = 0,
      hardOutside = 0,
      outside = 0,
      errorMatte = 0,
      errorMask = 0;
    const upsampled = resizeGrayBilinear(mask, image.width, image.height).data;
    for (let i = 0; i < alpha.data.length; i++) {
      if (trimap.data[i] === TRIMAP_UNKNOWN) {
        band++;
        if (alpha.data[i] > 0 && alpha.data[i] < 255) soft++;
        errorMatte += Math.abs(alpha.data[i] - truth.data[i]) / 255;
        errorMask += Math.abs((upsampled[i] >= 128 ? 255 : 0) - truth.data[i]) / 255;
      } else {
        outside++;
        if (alpha.data[i] === 0 || alpha.data[i] === 255) hardOutside++;
      }
    }
    console.log(
      `matteFrame 640x360 final: ${ms.toFixed(0)} ms, ${band} band pixels, ${((100 * soft) / band).toFixed(0)}% soft; band SAD matte ${(errorMatte / 1000).toFixed(2)} vs mask ${(errorMask / 1000).toFixed(2)}`,
    );
    expect(soft / band).toBeGreaterThan(0.3);
    expect(hardOutside).toBe(outside);
    expect(errorMatte).toBeLessThan(0.8 * errorMask);
  });

  it('blends overlapping tiles without seams', { tags: [SHARED_DATA_TAG] }, async () => {
    const image = await readImageRgba(sharedData('synthetic-matting', 'image', '005.png'));
    const truth = await readImageGray(sharedData('synthetic-matting', 'alpha', '005.png'));
    const mask = resizeGrayBilinear({ ...truth, data: truth.data.map((v) => (v >= 128 ? 255 : 0)) }, 320, 180);
    const tiled = await matteFrame(image, [mask], bridge, head, 'preview');
    const whole = await matteFrame(image, [mask], new BandBridge({ maxTile: 4096 }), head, 'preview');
    let diff = 0,
      worst = 0;
    for (let i = 0; i < tiled.data.length; i++) {
      const d = Math.abs(tiled.data[i] - whole.data[i]);
      diff += d;
      worst = Math.max(worst, d);
    }
    // Measured 0.41 grey levels on average: tiles see less of the frame than the whole, nothing more.
    expect(diff / tiled.data.length).toBeLessThan(0.6);
    expect(worst).toBeLessThan(128);
  });

  it('pastes every region where it was cut from and blends overlaps smoothly', async () => {
    const width = 700,
      height = 300;
    const image = { width, height, data: new Uint8Array(width * height * 4) };
    const mask = disc(width, height, 350, 150, 120);
    // A head that answers with the position in the frame (known through the crop's own pixels) plus a per-call offset.
    for (let i = 0; i < width * height; i++) image.data.set([(i % width) & 255, (i % width) >> 8, 0, 255], i * 4);
    let call = 0;
    const positional: MattingHead = {
      name: 'positional',
      async matte({ image: crop, trimap }) {
        const offset = 20 * (call++ % 2);
        const data = trimap.data.map((v, i) => (v === 0 || v === 255 ? v : 100 + offset + Math.round((crop.data[i * 4] + 256 * crop.data[i * 4 + 1]) / 10)));
        return { width: crop.width, height: crop.height, data };
      },
    };
    const alpha = await matteFrame(image, [mask], bridge, positional, 'preview');
    const { trimap, rois } = bridge.propose(mask, width, height);
    expect(rois.length).toBeGreaterThan(2);
    let worstJump = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 1; x < width; x++) {
        const i = y * width + x;
        if (trimap.data[i] !== TRIMAP_UNKNOWN || trimap.data[i - 1] !== TRIMAP_UNKNOWN) continue;
        const expected = 100 + Math.round(x / 10);
        expect(Math.abs(alpha.data[i] - expected)).toBeLessThanOrEqual(21);
        worstJump = Math.max(worstJump, Math.abs(alpha.data[i] - alpha.data[i - 1]));
      }
    }
    // Tiles disagree by 20; weighting by distance from the tile edge spreads that over the overlap.
    expect(worstJump).toBeLessThan(6);
  });

  it('merges objects without adding alpha twice', async () => {
    const width = 160,
      height = 100;
    const image = { width, height, data: new Uint8Array(width * height * 4) };
    for (let i = 0; i < width * height; i++) image.data.set([40 + (i % 7) * 20, 90, 160, 255], i * 4);
    const left = disc(width, height, 50, 50, 30);
    const right = disc(width, height, 110, 50, 30);
    const merged = await matteFrame(image, [left, right], bridge, head, 'preview');
    expect(merged.data[50 * width + 50]).toBe(255);
    expect(merged.data[50 * width + 110]).toBe(255);
    expect(merged.data[5 * width + 5]).toBe(0);
    expect(merged.data[95 * width + 80]).toBe(0);
    const single = await matteFrame(image, [left], bridge, head, 'preview');
    const twice = await matteFrame(image, [left, left], bridge, head, 'preview');
    for (let i = 0; i < single.data.length; i++) {
      const a = single.data[i] / 255;
      expect(Math.abs(twice.data[i] / 255 - (1 - (1 - a) ** 2))).toBeLessThan(0.01);
    }
    expect(Array.from((await matteFrame(image, [], bridge, head, 'preview')).data).every((v) => v === 0)).toBe(true);
  });

  it('stops when the signal aborts', async () => {
    const image = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 4) };
    const controller = new AbortController();
    controller.abort();
    await expect(matteFrame(image, [disc(64, 64, 32, 32, 20)], bridge, head, 'final', controller.signal)).rejects.toThrow(/Cancelled/);
  });

  it('merges the trimaps of several objects: foreground wins, then unknown', () => {
    const width = 160,
      height = 100;
    const left = disc(width, height, 50, 50, 30);
    const right = disc(width, height, 75, 50, 30);
    const merged = mergedTrimap([left, right], bridge, width, height);
    const a = bridge.propose(left, width, height).trimap.data;
    const b = bridge.propose(right, width, height).trimap.data;
    for (let i = 0; i < merged.data.length; i++) {
      const expected = a[i] === 255 || b[i] === 255 ? 255 : a[i] === TRIMAP_UNKNOWN || b[i] === TRIMAP_UNKNOWN ? TRIMAP_UNKNOWN : 0;
      expect(merged.data[i]).toBe(expected);
    }
    // Where one disc's band crosses the other's inside, the inside wins.
    expect(a[50 * width + 50 + 28]).toBe(TRIMAP_UNKNOWN);
    expect(merged.data[50 * width + 50 + 28]).toBe(255);
    expect(mergedTrimap([], bridge, width, height).data.every((v) => v === 0)).toBe(true);
  });

  it('mattes a frame larger than a pixel budget at that budget and scales the alpha back', { tags: [SHARED_DATA_TAG] }, async () => {
    const image = await readImageRgba(sharedData('synthetic-matting', 'image', '005.png'));
    const truth = await readImageGray(sharedData('synthetic-matting', 'alpha', '005.png'));
    const mask = resizeGrayBilinear({ ...truth, data: truth.data.map((v) => (v >= 128 ? 255 : 0)) }, 320, 180);
    const full = await matteFrame(image, [mask], bridge, head, 'preview');
    // The share of pixels the engine's preview keeps of a 1080p frame (1280x720).
    const reduced = await matteFrameWithin(427 * 240, image, [mask], bridge, head, 'preview');
    expect([reduced.width, reduced.height]).toEqual([640, 360]);
    const sadOf = (alpha: GrayImage) => alpha.data.reduce((s, v, i) => s + Math.abs(v - truth.data[i]) / 255, 0) / 1000;
    // Measured 9.00 against 6.92: the preview's price for the speed.
    console.log(`matteFrameWithin 427x240 of 640x360: SAD ${sadOf(reduced).toFixed(2)} against ${sadOf(full).toFixed(2)} at full size`);
    expect(sadOf(reduced)).toBeLessThan(1.4 * sadOf(full));
    expect(reduced.data[0]).toBe(0);
    // Within budget it is matteFrame itself.
    expect((await matteFrameWithin(640 * 360, image, [mask], bridge, head, 'preview')).data).toEqual(full.data);
  });
});
