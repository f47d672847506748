/**
 * The region-proposal bridge: the tracker's low-resolution probability, brought to full resolution,
 * becomes a trimap whose unknown band follows the 0.5 contour, wider for larger objects, for masks
 * that break into fragments beside their body, and wherever the probability itself is soft near it,
 * and tiles of interest that cover every unknown pixel.
 */
import { resizeGrayBilinearWindow } from '../../../shared/common/resize';
import type { Rect, RegionProposal, RegionProposalBridge } from '../../../shared/engine';
import type { GrayImage } from '../../../shared/media';
import { columnDistances, pixelsWithin, withinDistance } from '../../imaging/distance-transform';
import { fragmentsPerOutline } from './fragmentation';

export const TRIMAP_BACKGROUND = 0;
export const TRIMAP_UNKNOWN = 128;
export const TRIMAP_FOREGROUND = 255;

export interface BandBridgeOptions {
  /** Band half-width as a fraction of the object's size (square root of its area). */
  bandPerSize: number;
  /** Narrowest band half-width, full-resolution pixels, and at least this many mask pixels once upsampled. */
  minBand: number;
  minBandInMaskPixels: number;
  /** Widest band half-width, full-resolution pixels. */
  maxBand: number;
  /**
   * Band half-width per unit of fragmentation (see fragmentsPerOutline: fragment pixels near the
   * body per outline pixel, at full resolution), up to maxFragmentBand; pieces under
   * fragmentBodyArea full-resolution pixels are fragments when within fragmentReach of the body.
   */
  bandPerFragmentation: number;
  maxFragmentBand: number;
  fragmentBodyArea: number;
  fragmentReach: number;
  /** Probabilities strictly between these (0..255) count as uncertain: unknown when within maxBand of the contour. */
  softLow: number;
  softHigh: number;
  /** Tile size limit and the context each tile keeps around its unknown pixels. */
  maxTile: number;
  tileMargin: number;
  /** A tile that sees too little of one side grows to this size (at most maxTile). */
  growTo: number;
}

/**
 * Chosen with the heads on ../shared/data. From full-resolution GT masks (alpha ≥ 0.5) the band must
 * be narrow to beat the mask itself (SAD over the given trimaps' unknown pixels, synthetic-matting,
 * mask 7.31): bandPerSize 0.04 / minBand 4 gave the guided filter 9.28 (final), 0.01 / 2 gives 6.78
 * (final) and 6.39 (preview); alphamatting likewise. Where the mask is coarse, minBandInMaskPixels
 * keeps the band as wide as its pixels; with the classic tracker's own masks (synthetic-video) the
 * narrow band costs 1.6% (15.94 → 16.20).
 */
const DEFAULTS: BandBridgeOptions = {
  bandPerSize: 0.01,
  minBand: 2,
  minBandInMaskPixels: 1.5,
  maxBand: 40,
  // A binary mask's only sign of a wide soft zone is its ragged edge. Measured from GT masks: 0.08-0.2
  // fragmentation on synthetic-video (dense strands, motion blur), 0.03-0.15 on synthetic-matting, under
  // 0.13 on alphamatting. Widening by it takes the guided filter's final SAD on synthetic-video from
  // 8.37 to 7.68 (a fixed 10 px band: 7.94) for 6.33 → 6.39 on synthetic-matting (eval:matting).
  bandPerFragmentation: 50,
  maxFragmentBand: 10,
  fragmentBodyArea: 64,
  fragmentReach: 6,
  softLow: 26,
  softHigh: 230,
  maxTile: 256,
  tileMargin: 16,
  // Growing such tiles to 160 rather than 256 px changes SAD by 0.01 (synthetic-matting, alphamatting,
  // guided filter) and cuts the pixels the head sees by a quarter at 1080p (1.38M → 1.03M for 345k unknown).
  growTo: 160,
};

export class BandBridge implements RegionProposalBridge {
  readonly name = 'Band bridge (contour band, soft-aware)';
  private readonly options: BandBridgeOptions;

  constructor(options: Partial<BandBridgeOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  propose(mask: GrayImage, width: number, height: number): RegionProposal {
    const o = this.options;
    const trimap = new Uint8Array(width * height);
    const window = this.window(mask, width, height);
    if (!window) return { trimap: { width, height, data: trimap }, rois: [], knownFromMask: true };
    // Everything below happens in the window, in its coordinates: the rest of the frame is background.
    const { width: ww, height: wh } = window;
    const probability = resizeGrayBilinearWindow(mask, width, height, window);
    const local = new Uint8Array(ww * wh);
    let area = 0;
    for (let i = 0; i < local.length; i++) {
      if (probability[i] >= 128) {
        local[i] = TRIMAP_FOREGROUND;
        area++;
      }
    }
    const upscale = Math.max(width / mask.width, height / mask.height);
    const band = Math.min(o.maxBand, Math.max(o.minBand, o.minBandInMaskPixels * upscale, o.bandPerSize * Math.sqrt(area), this.fragmentBand(mask, upscale)));
    const contour = contourPixels(probability, ww, wh);
    const box = contour.box;
    if (box) {
      // Nothing is unknown beyond maxBand from the contour: measure distances in that window alone.
      const reach = Math.ceil(o.maxBand);
      const x0 = Math.max(0, box.x - reach),
        y0 = Math.max(0, box.y - reach);
      const x1 = Math.min(ww, box.x + box.width + reach),
        y1 = Math.min(wh, box.y + box.height + reach);
      const cw = x1 - x0,
        ch = y1 - y0;
      const crop = new Uint8Array(cw * ch);
      for (let y = 0; y < ch; y++) crop.set(contour.mask.subarray((y + y0) * ww + x0, (y + y0) * ww + x1), y * cw);
      const columns = columnDistances(crop, cw, ch);
      const inBand = pixelsWithin(columns, cw, ch, band);
      for (let y = 0; y < ch; y++) {
        for (let x = 0; x < cw; x++) {
          const i = (y + y0) * ww + x + x0;
          // Soft probabilities near the contour widen the band: the tracker itself was unsure there.
          const soft = probability[i] > o.softLow && probability[i] < o.softHigh;
          if (inBand[y * cw + x] || (soft && withinDistance(columns, cw, x, y, o.maxBand))) local[i] = TRIMAP_UNKNOWN;
        }
      }
    }
    for (let y = 0; y < wh; y++) trimap.set(local.subarray(y * ww, (y + 1) * ww), (y + window.y) * width + window.x);
    const full = { width, height, data: trimap };
    return { trimap: full, rois: box ? this.tiles(full) : [], knownFromMask: true };
  }

  /** The band half-width the mask's fragmentation asks for, measured on the mask itself (cheaper than at full resolution). */
  private fragmentBand(mask: GrayImage, upscale: number): number {
    const o = this.options;
    if (o.bandPerFragmentation <= 0) return 0;
    const perOutline = fragmentsPerOutline(mask.data, mask.width, mask.height, {
      minBodyArea: Math.max(2, Math.round(o.fragmentBodyArea / (upscale * upscale))),
      reach: o.fragmentReach / upscale,
    });
    // Areas scale with upscale², outlines with upscale: the full-resolution figure is upscale times this.
    return Math.min(o.maxFragmentBand, o.bandPerFragmentation * perOutline * upscale);
  }

  /**
   * The part of the frame where the trimap can be other than background: full-resolution pixels whose
   * bilinear taps reach a mask pixel above softLow, grown by maxBand (the band around the contour).
   * Null when no mask pixel is above softLow.
   */
  private window(mask: GrayImage, width: number, height: number): Rect | null {
    let minX = mask.width,
      minY = mask.height,
      maxX = -1,
      maxY = -1;
    for (let y = 0; y < mask.height; y++) {
      for (let x = 0; x < mask.width; x++) {
        if (mask.data[y * mask.width + x] <= this.options.softLow) continue;
        if (x < minX) minX = x;
        if (x > maxX) maxX = x;
        if (y < minY) minY = y;
        if (y > maxY) maxY = y;
      }
    }
    if (maxX < 0) return null;
    const sx = width / mask.width,
      sy = height / mask.height;
    const reach = Math.ceil(this.options.maxBand) + 1;
    // A destination pixel's taps lie within one source pixel of its centre: one more source pixel of slack each side.
    const x0 = Math.max(0, Math.floor((minX - 1) * sx) - reach),
      y0 = Math.max(0, Math.floor((minY - 1) * sy) - reach);
    const x1 = Math.min(width, Math.ceil((maxX + 2) * sx) + reach),
      y1 = Math.min(height, Math.ceil((maxY + 2) * sy) + reach);
    return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  }

  /** Tiles covering every unknown pixel of a trimap (one of this bridge's, or one given by hand). */
  tiles(trimap: GrayImage): Rect[] {
    return coveringTiles(trimap.data, trimap.width, trimap.height, this.options.maxTile, this.options.tileMargin, Math.min(this.options.growTo, this.options.maxTile));
  }
}

/** Pixels with a 4-neighbour on the other side of the 0.5 level (both sides of the contour), and their bounding box. */
function contourPixels(p: Uint8Array, width: number, height: number): { mask: Uint8Array; box: Rect | null } {
  const mask = new Uint8Array(width * height);
  let minX = width,
    minY = height,
    maxX = -1,
    maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const inside = p[i] >= 128;
      const edge =
        (x > 0 && p[i - 1] >= 128 !== inside) ||
        (x < width - 1 && p[i + 1] >= 128 !== inside) ||
        (y > 0 && p[i - width] >= 128 !== inside) ||
        (y < height - 1 && p[i + width] >= 128 !== inside);
      if (!edge) continue;
      mask[i] = 1;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return { mask, box: maxX < 0 ? null : { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 } };
}

/**
 * Regions covering every unknown pixel: the frame is cut into cells of (maxTile − 2·margin); each cell
 * with unknown pixels gives the bounding box of those, grown by the margin for context, and grown up
 * to growTo when it would see too little of one side (a head learns the colours of both from it).
 */
function coveringTiles(trimap: Uint8Array, width: number, height: number, maxTile: number, margin: number, growTo: number): Rect[] {
  const cell = maxTile - 2 * margin;
  const columns = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const count = columns * rows;
  const minX = new Int32Array(count).fill(width);
  const minY = new Int32Array(count).fill(height);
  const maxX = new Int32Array(count).fill(-1);
  const maxY = new Int32Array(count).fill(-1);
  for (let y = 0; y < height; y++) {
    const rowCell = Math.floor(y / cell) * columns;
    for (let x = 0; x < width; x++) {
      const v = trimap[y * width + x];
      if (v === TRIMAP_BACKGROUND || v === TRIMAP_FOREGROUND) continue;
      const c = rowCell + Math.floor(x / cell);
      if (x < minX[c]) minX[c] = x;
      if (x > maxX[c]) maxX[c] = x;
      if (y < minY[c]) minY[c] = y;
      if (y > maxY[c]) maxY[c] = y;
    }
  }
  const rois: Rect[] = [];
  for (let c = 0; c < count; c++) {
    if (maxX[c] < 0) continue;
    const x = Math.max(0, minX[c] - margin);
    const y = Math.max(0, minY[c] - margin);
    const roi = { x, y, width: Math.min(width, maxX[c] + 1 + margin) - x, height: Math.min(height, maxY[c] + 1 + margin) - y };
    rois.push(seesBothSides(trimap, width, roi) ? roi : grown(roi, growTo, width, height));
  }
  return rois;
}

/** Whether each side of the contour fills at least `share` of the region: enough colours of both to learn from. */
function seesBothSides(trimap: Uint8Array, width: number, r: Rect, share = 0.1): boolean {
  let background = 0;
  let foreground = 0;
  for (let y = r.y; y < r.y + r.height; y++) {
    for (let i = y * width + r.x; i < y * width + r.x + r.width; i++) {
      if (trimap[i] === TRIMAP_BACKGROUND) background++;
      else if (trimap[i] === TRIMAP_FOREGROUND) foreground++;
    }
  }
  const needed = share * r.width * r.height;
  return background >= needed && foreground >= needed;
}

/** The same centre, `size` wide and high where the frame allows. */
function grown(r: Rect, size: number, width: number, height: number): Rect {
  const span = (start: number, length: number, limit: number): [number, number] => {
    const target = Math.min(limit, Math.max(length, size));
    const from = Math.min(limit - target, Math.max(0, Math.round(start + length / 2 - target / 2)));
    return [from, target];
  };
  const [x, w] = span(r.x, r.width, width);
  const [y, h] = span(r.y, r.height, height);
  return { x, y, width: w, height: h };
}
