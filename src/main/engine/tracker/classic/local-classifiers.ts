/**
 * Local classifiers along the object's outline, after Video SnapCut (Bai, Wang, Simons, Sapiro,
 * SIGGRAPH 2009): overlapping windows on the contour each learn the colours on both sides of it
 * there, and trust the moved shape more where their colours did not separate the previous frame.
 */
import { COARSE_BIN_COUNT } from './frame-features';

export interface LocalWindow {
  /** Centre, in working pixels. */
  x: number;
  y: number;
  /** Normalised colour histograms (coarse bins) inside and outside the outline. */
  fg: Float32Array;
  bg: Float32Array;
  /** Width of the band around the outline where colour, not shape, decides: narrow where colours are ambiguous. */
  shapeSigma: number;
}

export interface LocalOptions {
  /** Window half-size, working pixels. */
  radius: number;
  /** At or below this colour confidence (0..1) the shape prior is at its tightest. */
  confidenceCut: number;
  /** Tightest shape-prior width, working pixels. */
  minShapeSigma: number;
}

/** Outline pixels (inside, with an outside 4-neighbour), thinned to about one per `spacing`. */
function contourSamples(mask: Uint8Array, width: number, height: number, spacing: number): Array<[number, number]> {
  const taken = new Uint8Array(width * height);
  const samples: Array<[number, number]> = [];
  const s = Math.max(1, Math.floor(spacing));
  const inside = (i: number) => mask[i] >= 128;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (!inside(i)) continue;
      const onOutline = (x > 0 && !inside(i - 1)) || (x < width - 1 && !inside(i + 1)) || (y > 0 && !inside(i - width)) || (y < height - 1 && !inside(i + width));
      if (!onOutline || nearTaken(taken, width, height, x, y, s)) continue;
      taken[i] = 1;
      samples.push([x, y]);
    }
  }
  return samples;
}

function nearTaken(taken: Uint8Array, width: number, height: number, x: number, y: number, s: number): boolean {
  for (let yy = Math.max(0, y - s); yy <= Math.min(height - 1, y + s); yy++) {
    for (let xx = Math.max(0, x - s); xx <= Math.min(width - 1, x + s); xx++) if (taken[yy * width + xx]) return true;
  }
  return false;
}

/** P(fg | colour) from a window's histograms; a colour seen on neither side gets even odds. */
function colourProbability(win: LocalWindow, bin: number): number {
  const f = win.fg[bin] + 1e-3;
  return f / (f + win.bg[bin] + 1e-3);
}

function normalise(hist: Float32Array, total: number): void {
  if (total > 0) for (let b = 0; b < hist.length; b++) hist[b] /= total;
}

/** One window per outline sample, learnt from a frame's coarse bins, its mask and the mask's signed distance. */
export function learnWindows(coarseBins: Uint16Array, mask: Uint8Array, distance: Float32Array, width: number, height: number, options: LocalOptions): LocalWindow[] {
  const r = options.radius;
  const nearOutline = (r * r) / 4;
  const windows: LocalWindow[] = [];
  for (const [cx, cy] of contourSamples(mask, width, height, r * 0.75)) {
    const win: LocalWindow = { x: cx, y: cy, fg: new Float32Array(COARSE_BIN_COUNT), bg: new Float32Array(COARSE_BIN_COUNT), shapeSigma: options.minShapeSigma };
    const x0 = Math.max(0, cx - r),
      x1 = Math.min(width - 1, cx + r);
    const y0 = Math.max(0, cy - r),
      y1 = Math.min(height - 1, cy + r);
    let nf = 0;
    let nb = 0;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const i = y * width + x;
        // Pixels on the outline are mixed: learn from those clearly on one side.
        if (distance[i] > 1) ((win.fg[coarseBins[i]] += 1), nf++);
        else if (distance[i] < -1) ((win.bg[coarseBins[i]] += 1), nb++);
      }
    }
    normalise(win.fg, nf);
    normalise(win.bg, nb);
    // Colour confidence: how well the window re-classifies its own frame, weighted towards the outline.
    let error = 0;
    let weightSum = 0;
    for (let y = y0; y <= y1; y++) {
      for (let x = x0; x <= x1; x++) {
        const i = y * width + x;
        const w = Math.exp(-(distance[i] * distance[i]) / nearOutline);
        error += w * Math.abs((mask[i] >= 128 ? 1 : 0) - colourProbability(win, coarseBins[i]));
        weightSum += w;
      }
    }
    const confidence = 1 - error / weightSum;
    const cut = options.confidenceCut;
    if (confidence > cut) win.shapeSigma += (r / 2) * ((confidence - cut) / (1 - cut));
    windows.push(win);
  }
  return windows;
}

/**
 * Foreground probability 0..1 of the next frame: each window (moved by `dx`, `dy`) mixes its colour
 * probability with the moved mask, colour near the outline and shape away from it; overlapping
 * windows blend by closeness to their centres, and the moved mask stands where no window reaches.
 */
export function applyWindows(
  windows: readonly LocalWindow[],
  coarseBins: Uint16Array,
  moved: Uint8Array,
  movedDistance: Float32Array,
  width: number,
  height: number,
  shift: { dx: number; dy: number },
  radius: number,
): Float32Array {
  const n = width * height;
  const sum = new Float32Array(n);
  const weight = new Float32Array(n);
  const side = 2 * radius + 1;
  const closeness = new Float32Array(side * side);
  for (let v = 0; v < side; v++) for (let u = 0; u < side; u++) closeness[v * side + u] = 1 / (Math.hypot(u - radius, v - radius) + 1);
  for (const win of windows) {
    const cx = win.x + shift.dx;
    const cy = win.y + shift.dy;
    const s2 = win.shapeSigma * win.shapeSigma;
    for (let y = Math.max(0, cy - radius); y <= Math.min(height - 1, cy + radius); y++) {
      const row = (y - cy + radius) * side + radius - cx;
      for (let x = Math.max(0, cx - radius); x <= Math.min(width - 1, cx + radius); x++) {
        const i = y * width + x;
        const d = movedDistance[i];
        const shapeTrust = 1 - Math.exp(-(d * d) / s2);
        const p = shapeTrust * (moved[i] >= 128 ? 1 : 0) + (1 - shapeTrust) * colourProbability(win, coarseBins[i]);
        const w = closeness[row + x];
        sum[i] += p * w;
        weight[i] += w;
      }
    }
  }
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = weight[i] > 0 ? sum[i] / weight[i] : moved[i] >= 128 ? 1 : 0;
  return out;
}
