/**
 * One frame of propagation: move the previous mask with the object's estimated motion, let local
 * classifiers along its outline decide near it (shape away from it), keep what overlaps the moved
 * mask, adapt the colour models, and notice when the object is gone.
 */
import { boxMean } from '../../../imaging/box-filter';
import { componentsOverlapping, fillHoles, labelComponents } from '../../../imaging/connected-components';
import { signedDistance } from '../../../imaging/distance-transform';
import { maskIoU } from '../../../imaging/iou';
import { translatePlane } from '../../../imaging/translate';
import { blendHistogram, colourHistogram, logRatioTable } from './colour-model';
import { MAX_HOLE, maskArea, scoreToProbability } from './decide-mask';
import type { FrameFeatures } from './frame-features';
import { applyWindows, learnWindows, type LocalOptions, type LocalWindow } from './local-classifiers';
import { estimateTranslation, type Shift } from './motion';

export interface TrackState {
  features: FrameFeatures;
  /** The last mask where the object was present, probability 0..255. */
  mask: Uint8Array;
  /** Frame-wide colour models: motion search and the appearance check. */
  fg: Float32Array;
  bg: Float32Array;
  windows: LocalWindow[];
  velocity: Shift;
  /** Typical object area (pixels), to tell a lost object from a shrinking one. */
  area: number;
  /** Frames since the object was last present. */
  lostFor: number;
}

export interface StepResult {
  mask: Uint8Array;
  /** Confidence 0..1. */
  score: number;
  present: boolean;
}

export interface StepOptions {
  /** Largest object motion searched per frame, in working pixels. */
  maxShift: number;
  local: LocalOptions;
  /** Colour model and typical-area adaptation per frame, 0..1. */
  adaptation: number;
  /** Lost below this fraction of the typical area. */
  lostArea: number;
  /** Lost when less than this fraction of the mask has colours more like the object than the background. */
  minColourSupport: number;
}

/** A disconnected piece stays only when this much of it lies where the object was moved to. */
const MIN_PIECE_OVERLAP = 0.5;
/** Margin around the object, working pixels, whose colour posterior the motion search matches too. */
const MATCH_MARGIN = 6;
/** Log-odds are clipped here: probabilities 0 and 1 are never certain. */
const MAX_LOG_ODDS = 8;

/** Colour histograms of a frame given its mask: the confident inside for the object, the confident outside for the background. */
function histogramsOf(features: FrameFeatures, mask: Uint8Array): { fg: Float32Array; bg: Float32Array } {
  const n = mask.length;
  const fgWeight = new Uint8Array(n);
  const bgWeight = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (mask[i] >= 192) fgWeight[i] = 1;
    else if (mask[i] < 64) bgWeight[i] = 1;
  }
  return { fg: colourHistogram(features.bins, fgWeight), bg: colourHistogram(features.bins, bgWeight) };
}

export function startTrack(features: FrameFeatures, mask: Uint8Array, options: StepOptions): TrackState {
  const { width, height } = features;
  const windows = learnWindows(features.coarseBins, mask, signedDistance(mask, width, height), width, height, options.local);
  return { features, mask, ...histogramsOf(features, mask), windows, velocity: { dx: 0, dy: 0 }, area: maskArea(mask), lostFor: 0 };
}

/**
 * The shift that lays the previous mask best onto where the object's colours are on the next frame.
 * Matching colour posteriors rather than raw pixels follows objects whose texture changes as they turn.
 */
function estimateMotion(mask: Uint8Array, next: FrameFeatures, table: Float32Array, predicted: Shift, maxShift: number): Shift {
  const { width, height } = next;
  const n = width * height;
  const prev = new Float32Array(n);
  const posterior = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    prev[i] = mask[i] >= 128 ? 1 : 0;
    posterior[i] = 1 / (1 + Math.exp(-table[next.bins[i]]));
  }
  const weight = boxMean(prev, width, height, MATCH_MARGIN);
  for (let i = 0; i < n; i++) weight[i] = weight[i] > 0 ? 1 : 0;
  return estimateTranslation({ width, height, prev, next: posterior, weight }, predicted, maxShift);
}

export function trackStep(state: TrackState, next: FrameFeatures, options: StepOptions): StepResult {
  const { width, height } = next;
  const n = width * height;
  const table = logRatioTable(state.fg, state.bg);
  // A lost object is looked for around its last place, without trusting its old velocity.
  const lost = state.lostFor > 0;
  const shift = estimateMotion(state.mask, next, table, lost ? { dx: 0, dy: 0 } : state.velocity, options.maxShift * (lost ? 3 : 1));
  const moved = translatePlane(state.mask, width, height, shift.dx, shift.dy);
  const movedDistance = signedDistance(moved, width, height);

  const p = applyWindows(state.windows, next.coarseBins, moved, movedDistance, width, height, shift, options.local.radius);
  const logOdds = new Float32Array(n);
  for (let i = 0; i < n; i++) logOdds[i] = Math.max(-MAX_LOG_ODDS, Math.min(MAX_LOG_ODDS, Math.log(p[i] / (1 - p[i]))));
  const probability = scoreToProbability(logOdds, width, height);
  const components = labelComponents(probability, width, height);
  const keep = componentsOverlapping(components, moved, MIN_PIECE_OVERLAP);
  for (let i = 0; i < n; i++) if (!keep[components.labels[i]]) probability[i] = 0;
  fillHoles(probability, width, height, MAX_HOLE * state.area, 255);

  const area = maskArea(probability);
  let supported = 0;
  for (let i = 0; i < n; i++) if (probability[i] >= 128 && table[next.bins[i]] > 0) supported++;
  const support = area > 0 ? supported / area : 0;
  state.features = next;
  if (area < options.lostArea * state.area || support < options.minColourSupport) {
    state.lostFor++;
    return { mask: new Uint8Array(n), score: 0, present: false };
  }
  state.velocity = lost ? { dx: 0, dy: 0 } : shift;
  state.lostFor = 0;
  state.mask = probability;
  state.area += (area - state.area) * options.adaptation;
  state.windows = learnWindows(next.coarseBins, probability, signedDistance(probability, width, height), width, height, options.local);
  const seen = histogramsOf(next, probability);
  blendHistogram(state.fg, seen.fg, options.adaptation);
  blendHistogram(state.bg, seen.bg, options.adaptation);
  // Confidence: colours that favour the object, times agreement between where motion put it and where it was found.
  return { mask: probability, score: support * maskIoU({ width, height, data: moved }, { width, height, data: probability }), present: true };
}
