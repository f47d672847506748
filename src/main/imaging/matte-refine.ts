/**
 * The matte controls (src/shared/matte-controls.ts) as pure functions. On the alpha, in this order:
 * shrink/grow (grey-scale erosion or dilation by a disc, so every level of a soft edge moves alike),
 * feather (a Gaussian blur), then shift edge and contrast (one tone curve). Feathering before the curve
 * is the usual way to smooth a ragged edge: blur it, then harden it again where it should sit.
 * On the colour: decontamination, a mix of the image and its estimated foreground colour.
 */
import type { MatteControls } from '../../shared/matte-controls';
import type { GrayImage, RgbaImage } from '../../shared/media';

/** A hard edge blurred with σ ramps from 10 % to 90 % over 2 · 1.2816 σ (the normal's 90 % point). */
const RAMP_PER_SIGMA = 2 * 1.2815516;

type AlphaControls = Pick<MatteControls, 'grow' | 'feather' | 'contrast' | 'shiftEdge'>;

/** The alpha with the controls applied; the same object when they change nothing. */
export function refineMatte(alpha: GrayImage, controls: AlphaControls): GrayImage {
  let out = alpha;
  if (controls.grow !== 0) out = growMatte(out, controls.grow);
  if (controls.feather > 0) out = featherMatte(out, controls.feather);
  if (controls.contrast !== 0 || controls.shiftEdge !== 0) out = applyCurve(out, edgeCurve(controls.shiftEdge, controls.contrast));
  return out;
}

/**
 * Moves the edge `pixels` outward (+) or inward (−), rounded to whole pixels: the maximum (minimum) of
 * the alpha over a disc of that radius. Beyond the frame counts as clear when growing and as opaque
 * when shrinking, so a matte that leaves the frame is not eaten from the frame's edge.
 */
export function growMatte(alpha: GrayImage, pixels: number): GrayImage {
  const radius = Math.round(Math.abs(pixels));
  if (radius === 0) return alpha;
  if (pixels > 0) return { ...alpha, data: dilate(alpha.data, alpha.width, alpha.height, radius) };
  const inverted = alpha.data.map((v) => 255 - v);
  return { ...alpha, data: dilate(inverted, alpha.width, alpha.height, radius).map((v) => 255 - v) };
}

/**
 * Grey-scale dilation by the digital disc dx² + dy² ≤ r² + r / 2: of the discs tried it moves a round
 * contour by r within 0.2 px at every radius (r² falls short by up to 0.3, r² + r overshoots as much).
 * Per source row, sliding maxima of each half-width the disc has, spread to the rows it reaches:
 * O(pixels · r), and only in the box around the matte's changes (beyond it every disc holds one value).
 */
function dilate(src: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const out = new Uint8Array(src);
  const box = changeBox({ width, height, data: src }, r);
  if (!box) return out;
  // The columns the box's discs read; beyond the frame counts as 0 (the rows' padding).
  const x0 = Math.max(0, box.x0 - r);
  const x1 = Math.min(width, box.x1 + r);
  const span = x1 - x0;
  const halfWidths = Array.from({ length: r + 1 }, (_, dy) => Math.floor(Math.sqrt(r * r + r / 2 - dy * dy)));
  const rowMax = new Map(halfWidths.map((w) => [w, new Uint8Array(span)]));
  const scratch = { prefix: new Uint8Array(span + 2 * r), suffix: new Uint8Array(span + 2 * r) };
  for (let ys = Math.max(0, box.y0 - r); ys < Math.min(height, box.y1 + r); ys++) {
    for (const [w, max] of rowMax) slidingMax(src.subarray(ys * width + x0, ys * width + x1), w, max, scratch);
    for (let dy = -r; dy <= r; dy++) {
      const y = ys + dy;
      if (y < box.y0 || y >= box.y1) continue;
      const max = rowMax.get(halfWidths[Math.abs(dy)])!;
      // The maximum includes the pixel itself, so out starting as src only ever rises to it.
      for (let x = box.x0, o = y * width + x; x < box.x1; x++, o++) if (max[x - x0] > out[o]) out[o] = max[x - x0];
    }
  }
  return out;
}

/**
 * dst[x] = max(row[x − w .. x + w]), 0 outside the row, in O(1) per pixel (van Herk / Gil-Werman):
 * over the padded row cut in blocks of 2w + 1, each window is one block's suffix and the next one's prefix.
 */
function slidingMax(row: Uint8Array, w: number, dst: Uint8Array, { prefix, suffix }: { prefix: Uint8Array; suffix: Uint8Array }): void {
  const n = row.length;
  const k = 2 * w + 1;
  const length = n + 2 * w;
  const at = (i: number) => (i >= w && i < n + w ? row[i - w] : 0);
  for (let i = 0; i < length; i++) prefix[i] = i % k === 0 ? at(i) : Math.max(prefix[i - 1], at(i));
  for (let i = length - 1; i >= 0; i--) suffix[i] = i % k === k - 1 || i === length - 1 ? at(i) : Math.max(suffix[i + 1], at(i));
  for (let x = 0; x < n; x++) dst[x] = Math.max(suffix[x], prefix[x + 2 * w]);
}

/**
 * Softens the edge: a Gaussian blur under which a hard edge ramps from 10 % to 90 % over `pixels`.
 * Windows are clipped at the frame's border (the weighted mean of the pixels that exist), so the
 * border neither darkens nor brightens the matte. Only the box around the matte's changes is blurred:
 * beyond it every window holds one value.
 */
export function featherMatte(alpha: GrayImage, pixels: number): GrayImage {
  const { width, height, data } = alpha;
  const sigma = pixels / RAMP_PER_SIGMA;
  const radius = Math.ceil(3 * sigma);
  const box = changeBox(alpha, radius);
  if (!box) return alpha;
  const kernel = Float32Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const horizontal = Float32Array.from(data);
  for (let y = box.y0; y < box.y1; y++) {
    const row = y * width;
    for (let x = box.x0; x < box.x1; x++) {
      const from = Math.max(0, x - radius);
      const to = Math.min(width - 1, x + radius);
      let sum = 0;
      let weight = 0;
      for (let j = from; j <= to; j++) {
        const k = kernel[j - x + radius];
        sum += k * data[row + j];
        weight += k;
      }
      horizontal[row + x] = sum / weight;
    }
  }
  // Vertically a row at a time (whole rows stay in cache), the window clipped alike for the whole row.
  const out = new Uint8Array(data);
  const sums = new Float32Array(box.x1 - box.x0);
  for (let y = box.y0; y < box.y1; y++) {
    sums.fill(0);
    let weight = 0;
    for (let j = Math.max(0, y - radius); j <= Math.min(height - 1, y + radius); j++) {
      const k = kernel[j - y + radius];
      weight += k;
      const row = j * width + box.x0;
      for (let x = 0; x < sums.length; x++) sums[x] += k * horizontal[row + x];
    }
    const row = y * width + box.x0;
    for (let x = 0; x < sums.length; x++) out[row + x] = Math.round(sums[x] / weight);
  }
  return { width, height, data: out };
}

/** The box [x0, x1) × [y0, y1) of pixels that differ from a neighbour, grown by `margin`; null when the matte is one value. */
function changeBox({ width, height, data }: GrayImage, margin: number): { x0: number; x1: number; y0: number; y1: number } | null {
  let x0 = width,
    x1 = 0,
    y0 = height,
    y1 = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0, i = y * width; x < width; x++, i++) {
      if (!((x > 0 && data[i] !== data[i - 1]) || (y > 0 && data[i] !== data[i - width]))) continue;
      // The change lies between this pixel and the one before it: both sides count.
      if (x - 1 < x0) x0 = x - 1;
      if (x + 1 > x1) x1 = x + 1;
      if (y - 1 < y0) y0 = y - 1;
      y1 = y + 1;
    }
  }
  if (x1 <= x0) return null;
  return { x0: Math.max(0, x0 - margin), x1: Math.min(width, x1 + margin), y0: Math.max(0, y0 - margin), y1: Math.min(height, y1 + margin) };
}

/**
 * Shift edge and contrast as a table over 0..255. Shift picks the alpha that becomes 50 % (0.5 − shift / 2),
 * mapped piecewise linearly so 0 and 255 stay put (no veil over the background, no hole in the body);
 * contrast then steepens around 50 % by 1 / (1 − contrast), a cut at 50 % when it is 1.
 */
export function edgeCurve(shiftEdge: number, contrast: number): Uint8Array {
  const pivot = 0.5 - shiftEdge / 2;
  const table = new Uint8Array(256);
  for (let v = 1; v < 256; v++) {
    const a = v / 255;
    // a ≤ pivot never holds for a > 0 when pivot is 0, nor a > pivot when it is 1: no division by zero.
    const shifted = a <= pivot ? (0.5 * a) / pivot : 0.5 + (0.5 * (a - pivot)) / (1 - pivot);
    const steep = contrast >= 1 ? (shifted >= 0.5 ? 1 : 0) : 0.5 + (shifted - 0.5) / (1 - contrast);
    table[v] = Math.round(255 * Math.min(1, Math.max(0, steep)));
  }
  table[255] = 255;
  return table;
}

function applyCurve(alpha: GrayImage, table: Uint8Array): GrayImage {
  return { ...alpha, data: alpha.data.map((v) => table[v]) };
}

/**
 * The colour an export writes: the image's, moved towards the estimated foreground colour by `amount`
 * (0..1 per pixel): 0 keeps the image's colour, 1 (or no amounts) is the foreground estimate itself.
 * The alpha channel is the foreground's (the matte).
 */
export function decontaminate(image: RgbaImage, foreground: RgbaImage, amount?: Float32Array): RgbaImage {
  if (!amount) return foreground;
  const data = new Uint8Array(foreground.data);
  for (let i = 0; i < amount.length; i++) {
    const k = amount[i];
    for (let c = 4 * i; c < 4 * i + 3; c++) data[c] = Math.round(image.data[c] + k * (foreground.data[c] - image.data[c]));
  }
  return { ...foreground, data };
}

/**
 * Per pixel, the decontamination amount of the objects there, weighted by their alpha (objects merge
 * into one matte, each with its own amount); undefined when every amount is full, as exports always were.
 */
export function decontaminationAmounts(layers: readonly { alpha: GrayImage; amount: number }[], pixels: number): Float32Array | undefined {
  if (layers.every((l) => l.amount >= 1)) return undefined;
  const weighted = new Float32Array(pixels);
  const total = new Float32Array(pixels);
  for (const { alpha, amount } of layers) {
    for (let i = 0; i < pixels; i++) {
      weighted[i] += alpha.data[i] * amount;
      total[i] += alpha.data[i];
    }
  }
  // Where no object is, the colour is the image's whatever the amount.
  for (let i = 0; i < pixels; i++) weighted[i] = total[i] > 0 ? weighted[i] / total[i] : 0;
  return weighted;
}
