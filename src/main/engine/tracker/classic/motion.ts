/**
 * The object's translation between frames: a coarse-to-fine search for the shift that best carries
 * a template of the previous frame onto a plane of the next, starting from a predicted shift.
 */

export interface Shift {
  dx: number;
  dy: number;
}

export interface MatchInput {
  width: number;
  height: number;
  /** What the object looked like on the previous frame, and the same quantity on the next. */
  prev: Float32Array;
  next: Float32Array;
  /** Importance of each previous-frame pixel, 0..1 (the object and a margin around it). */
  weight: Float32Array;
}

/** 2×2 mean, dropping an odd last row or column. */
function halve(src: Float32Array, width: number, height: number): Float32Array {
  const w = width >> 1;
  const h = height >> 1;
  const out = new Float32Array(w * h);
  for (let y = 0; y < h; y++) {
    const a = 2 * y * width;
    const b = a + width;
    for (let x = 0; x < w; x++) out[y * w + x] = (src[a + 2 * x] + src[a + 2 * x + 1] + src[b + 2 * x] + src[b + 2 * x + 1]) * 0.25;
  }
  return out;
}

/** Weighted mean absolute difference for one shift; Infinity when too little of the template stays in frame. */
function matchCost(level: MatchInput, dx: number, dy: number): number {
  const { width, height, prev, next, weight } = level;
  let cost = 0;
  let inside = 0;
  let total = 0;
  for (let y = 0; y < height; y++) {
    const ny = y + dy;
    const row = y * width;
    const rowInFrame = ny >= 0 && ny < height;
    for (let x = 0; x < width; x++) {
      const w = weight[row + x];
      if (w === 0) continue;
      total += w;
      const nx = x + dx;
      if (!rowInFrame || nx < 0 || nx >= width) continue;
      inside += w;
      cost += w * Math.abs(prev[row + x] - next[ny * width + nx]);
    }
  }
  return inside === 0 || inside < 0.3 * total ? Infinity : cost / inside;
}

function search(level: MatchInput, centre: Shift, radius: number): Shift {
  let best = centre;
  let bestCost = Infinity;
  for (let dy = centre.dy - radius; dy <= centre.dy + radius; dy++) {
    for (let dx = centre.dx - radius; dx <= centre.dx + radius; dx++) {
      // A slight preference for the centre keeps flat regions from drifting.
      const cost = matchCost(level, dx, dy) * (1 + 0.002 * (Math.abs(dx - centre.dx) + Math.abs(dy - centre.dy)));
      if (cost < bestCost) {
        bestCost = cost;
        best = { dx, dy };
      }
    }
  }
  return best;
}

/** Shift (pixels) that carries `prev` onto `next`, searched within `maxShift` of `predicted`. */
export function estimateTranslation(input: MatchInput, predicted: Shift, maxShift: number, levels = 3): Shift {
  const pyramid: MatchInput[] = [input];
  for (let l = 1; l < levels; l++) {
    const { width, height, prev, next, weight } = pyramid[l - 1];
    if (width < 16 || height < 16) break;
    const down = (p: Float32Array) => halve(p, width, height);
    pyramid.push({ width: width >> 1, height: height >> 1, prev: down(prev), next: down(next), weight: down(weight) });
  }
  const top = pyramid.length - 1;
  const factor = 2 ** top;
  let shift = search(pyramid[top], { dx: Math.round(predicted.dx / factor), dy: Math.round(predicted.dy / factor) }, Math.ceil(maxShift / factor));
  for (let l = top - 1; l >= 0; l--) shift = search(pyramid[l], { dx: shift.dx * 2, dy: shift.dy * 2 }, 1);
  return shift;
}
