/**
 * The mask of a conditioning frame from its prompts, GrabCut-like: seeds from the prompts, colour
 * models re-estimated over a few rounds, spatially smoothed decisions, and only the parts of the
 * region reached from positive seeds before negative ones.
 */
import { resizeGrayBilinear } from '../../../../shared/common/resize';
import type { Prompt } from '../../../../shared/prompts';
import { componentsOverlapping, fillHoles, labelComponents } from '../../../imaging/connected-components';
import { fillBox, fillDisk, fillStroke } from '../../../imaging/rasterize';
import { claimBySeeds } from '../../../imaging/seed-regions';
import { colourHistogram, logRatioTable } from './colour-model';
import { MAX_HOLE, maskArea, scoreToProbability } from './decide-mask';
import type { FrameFeatures } from './frame-features';

export interface SegmentOptions {
  /** Working pixels per source pixel. */
  scale: number;
  /** Rounds of colour re-estimation. */
  rounds: number;
  /** Radius of the region a click first stands for, as a fraction of the working long side. */
  clickRegion: number;
}

/** Log-odds of pixels the prompts decide. */
const SURE = 20;
const SEED_FG = 1;
const SEED_BG = 2;

interface Seeds {
  /** 0 none, SEED_FG or SEED_BG: pixels the prompts decide. */
  fixed: Uint8Array;
  /** 255 where the object may be: inside the box, or everywhere without one. */
  allowed: Uint8Array;
  /** First estimate of the object, 255 inside. */
  initial: Uint8Array;
  /** What, besides clicks and strokes, says which regions are the object: an earlier mask, a box's main region. */
  anchor: 'previous' | 'box' | 'none';
  /** An imported mask, taken as is. */
  imported: Uint8Array | null;
}

function rasterizeSeeds(prompts: readonly Prompt[], width: number, height: number, options: SegmentOptions, previous: Uint8Array | null): Seeds {
  const { scale } = options;
  const plane = () => ({ width, height, data: new Uint8Array(width * height) });
  const fixed = plane();
  const initial = plane();
  const allowed = plane();
  const box = prompts.find((p) => p.kind === 'box');
  if (box) {
    fillBox(allowed, box.x0, box.y0, box.x1, box.y1, 255, scale);
    initial.data.set(allowed.data);
  } else {
    allowed.data.fill(255);
    if (previous) initial.data.set(withoutRegionsUnder(previous, negativeClicks(prompts, width, height, scale), width, height));
  }
  let imported: Uint8Array | null = null;
  const clickRadius = (options.clickRegion * Math.max(width, height)) / scale;
  for (const p of prompts) {
    if (p.kind === 'point') {
      fillDisk(fixed, p.x, p.y, 0, p.positive ? SEED_FG : SEED_BG, scale);
      if (p.positive) fillDisk(initial, p.x, p.y, clickRadius, 255, scale);
    } else if (p.kind === 'mask') {
      imported = resizeGrayBilinear({ width: p.width, height: p.height, data: p.data }, width, height).data;
    }
  }
  // Strokes last, in the order drawn, so that they overrule clicks and each other where they overlap.
  for (const p of prompts) {
    if (p.kind === 'stroke') fillStroke(fixed, p.points, p.radius, p.mode === 'add' ? SEED_FG : SEED_BG, scale);
  }
  // A box alone stands for its main region; with clicks or strokes that say which region is the object, it only limits them.
  const positive = prompts.some((p) => (p.kind === 'point' && p.positive) || (p.kind === 'stroke' && p.mode === 'add'));
  const anchor = box ? (positive ? 'none' : 'box') : previous ? 'previous' : 'none';
  return { fixed: fixed.data, allowed: allowed.data, initial: initial.data, anchor, imported };
}

/** The negative clicks as a plane, 255 at each. */
function negativeClicks(prompts: readonly Prompt[], width: number, height: number, scale: number): Uint8Array {
  const plane = { width, height, data: new Uint8Array(width * height) };
  for (const p of prompts) if (p.kind === 'point' && !p.positive) fillDisk(plane, p.x, p.y, 0, 255, scale);
  return plane.data;
}

/**
 * The mask without its connected regions that hold a click: a negative click on a corrected frame
 * takes away the whole region it lands in (a look-alike the track took), not just the pixel clicked.
 */
function withoutRegionsUnder(mask: Uint8Array, clicks: Uint8Array, width: number, height: number): Uint8Array {
  const components = labelComponents(mask, width, height);
  const hit = componentsOverlapping(components, clicks);
  const out = mask.slice();
  for (let i = 0; i < out.length; i++) if (hit[components.labels[i]]) out[i] = 0;
  return out;
}

/**
 * Foreground probability 0..255 at the features' resolution. `previous` (a mask of this frame from
 * earlier work) stands for the object when the prompts only correct it.
 */
export function segmentFromPrompts(features: FrameFeatures, prompts: readonly Prompt[], options: SegmentOptions, previous: Uint8Array | null = null): Uint8Array {
  const { width, height, bins } = features;
  const n = width * height;
  const seeds = rasterizeSeeds(prompts, width, height, options, previous);
  const { fixed } = seeds;
  if (seeds.imported) {
    const mask = seeds.imported;
    for (let i = 0; i < n; i++) if (fixed[i]) mask[i] = fixed[i] === SEED_FG ? 255 : 0;
    return mask;
  }
  const claims = new Uint8Array(n);
  for (let i = 0; i < n; i++) claims[i] = fixed[i] !== 0 ? fixed[i] : seeds.anchor === 'previous' && seeds.initial[i] >= 128 ? SEED_FG : 0;
  const fgWeight = new Uint8Array(n);
  const bgWeight = new Uint8Array(n);
  const score = new Float32Array(n);
  let estimate = seeds.initial;
  for (let round = 0; round < options.rounds; round++) {
    for (let i = 0; i < n; i++) {
      fgWeight[i] = fixed[i] === SEED_FG || (fixed[i] === 0 && estimate[i] >= 128) ? 1 : 0;
      bgWeight[i] = 1 - fgWeight[i];
    }
    const table = logRatioTable(colourHistogram(bins, fgWeight), colourHistogram(bins, bgWeight));
    for (let i = 0; i < n; i++) {
      score[i] = seeds.allowed[i] === 0 || fixed[i] === SEED_BG ? -SURE : fixed[i] === SEED_FG ? SURE : table[bins[i]];
    }
    const probability = scoreToProbability(score, width, height);
    const owner = claimBySeeds(probability, seeds.anchor === 'box' ? withLargestRegion(claims, probability, width, height) : claims, width, height);
    for (let i = 0; i < n; i++) if (owner[i] !== SEED_FG) probability[i] = 0;
    fillHoles(probability, width, height, MAX_HOLE * maskArea(probability), 255);
    estimate = probability;
  }
  return estimate;
}

/** The claims plus the largest region of the mask: a box stands for one main object, not every blob in it. */
function withLargestRegion(claims: Uint8Array, mask: Uint8Array, width: number, height: number): Uint8Array {
  const components = labelComponents(mask, width, height);
  let largest = 0;
  for (let l = 1; l <= components.count; l++) if (components.areas[l] > components.areas[largest]) largest = l;
  const out = claims.slice();
  for (let i = 0; i < out.length; i++) if (largest !== 0 && components.labels[i] === largest && out[i] === 0) out[i] = SEED_FG;
  return out;
}
