/**
 * A first alpha for the unknown pixels from colour samples, after Shared Matting (Gastal & Oliveira,
 * 2010) simplified: each unknown pixel tries the nearest known foreground and background pixels of
 * itself and of a few neighbours, keeps the pair whose blend explains its colour best, and takes
 * the alpha of that blend. How well it was explained becomes the confidence in that alpha.
 */
import type { GrayImage, RgbaImage } from '../../../shared/media';
import { nearestFeature } from '../../imaging/distance-transform';

export interface SampleOptions {
  /** Neighbours lending their samples sit this far away (pixels)... */
  spacing: number;
  /** ...in the 4 axis directions ('cross': 25 pairs to try) or all 8 ('square': 81 pairs, better). */
  neighbourhood: 'cross' | 'square';
  /** Colour error (0..255 units) at which confidence has fallen to 1/e. */
  errorScale: number;
  /** Foreground–background colour difference below which a pair says little about alpha. */
  minContrast: number;
}

export interface SampledAlpha {
  /** 0..1 for unknown pixels; 0 or 1 for known ones. */
  alpha: Float32Array;
  /** 0..1 for unknown pixels; 1 for known ones. */
  confidence: Float32Array;
}

const FOREGROUND = 255;
const BACKGROUND = 0;

export function sampleAlpha(image: RgbaImage, trimap: GrayImage, options: SampleOptions): SampledAlpha {
  const { width, height } = trimap;
  const t = trimap.data;
  const n = width * height;
  const alpha = new Float32Array(n);
  const confidence = new Float32Array(n);
  const nearestFg = nearestFeature(
    t.map((v) => (v === FOREGROUND ? 1 : 0)),
    width,
    height,
  );
  const nearestBg = nearestFeature(
    t.map((v) => (v === BACKGROUND ? 1 : 0)),
    width,
    height,
  );
  const px = image.data;
  const s = options.spacing;
  const used = options.neighbourhood === 'cross' ? 5 : 9;
  const offsetX = Int32Array.of(0, -s, s, 0, 0, -s, s, -s, s).subarray(0, used);
  const offsetY = Int32Array.of(0, 0, 0, -s, s, -s, -s, s, s).subarray(0, used);
  const fgCandidates = new Int32Array(offsetX.length);
  const bgCandidates = new Int32Array(offsetX.length);
  for (let i = 0; i < n; i++) {
    if (t[i] === FOREGROUND || t[i] === BACKGROUND) {
      alpha[i] = t[i] === FOREGROUND ? 1 : 0;
      confidence[i] = 1;
      continue;
    }
    // With one side absent from the region there is nothing to blend: lean to the side that exists, unsure.
    if (nearestFg[i] < 0 || nearestBg[i] < 0) {
      alpha[i] = nearestFg[i] < 0 ? 0 : 1;
      continue;
    }
    const x = i % width;
    const y = (i - x) / width;
    let fgCount = 0;
    let bgCount = 0;
    for (let k = 0; k < offsetX.length; k++) {
      const xx = x + offsetX[k],
        yy = y + offsetY[k];
      if (xx < 0 || yy < 0 || xx >= width || yy >= height) continue;
      fgCount = addUnique(fgCandidates, fgCount, nearestFg[yy * width + xx]);
      bgCount = addUnique(bgCandidates, bgCount, nearestBg[yy * width + xx]);
    }
    const ir = px[4 * i],
      ig = px[4 * i + 1],
      ib = px[4 * i + 2];
    let bestError = Infinity;
    let bestAlpha = 0.5;
    let bestContrast = 0;
    for (let a = 0; a < fgCount; a++) {
      const f = 4 * fgCandidates[a];
      for (let b = 0; b < bgCount; b++) {
        const g = 4 * bgCandidates[b];
        const dr = px[f] - px[g],
          dg = px[f + 1] - px[g + 1],
          db = px[f + 2] - px[g + 2];
        const contrast2 = dr * dr + dg * dg + db * db;
        if (contrast2 < 1) continue;
        const value = Math.min(1, Math.max(0, ((ir - px[g]) * dr + (ig - px[g + 1]) * dg + (ib - px[g + 2]) * db) / contrast2));
        const er = ir - px[g] - value * dr,
          eg = ig - px[g + 1] - value * dg,
          eb = ib - px[g + 2] - value * db;
        const error = er * er + eg * eg + eb * eb;
        if (error < bestError) {
          bestError = error;
          bestAlpha = value;
          bestContrast = contrast2;
        }
      }
    }
    alpha[i] = bestAlpha;
    if (bestError < Infinity) confidence[i] = Math.exp(-Math.sqrt(bestError) / options.errorScale) * Math.min(1, Math.sqrt(bestContrast) / options.minContrast);
  }
  return { alpha, confidence };
}

function addUnique(list: Int32Array, count: number, value: number): number {
  for (let k = 0; k < count; k++) if (list[k] === value) return count;
  list[count] = value;
  return count + 1;
}
