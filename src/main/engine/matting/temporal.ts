/**
 * Temporal stability of the matte: a head mattes each frame on its own, so the alpha chatters from
 * frame to frame (the band and tiles shift with the mask, colour samples change). Each pixel is
 * blended with the previous frame's stabilised alpha where the picture shows the same content there:
 * either in place (a still background) or moved by the object's own motion, which the tracker's masks
 * give (the shift of their centroid). Per pixel the better-matching of the two is taken, and
 *   out = w·previous(p − d) + (1 − w)·alpha(p),  w = strength · exp(−(D/σ)²),
 * D the local mean colour change between I(p) and I'(p − d): what matches neither is left alone.
 */
import type { GrayImage, RgbaImage } from '../../../shared/media';
import { boxMean } from '../../imaging/box-filter';

export interface StabilizeInput {
  /** This frame's matte and the previous frame's stabilised one, at the frame's resolution. */
  alpha: GrayImage;
  previousAlpha: GrayImage;
  image: RgbaImage;
  previousImage: RgbaImage;
  /** The tracker's masks (any resolution, 128 = boundary) of this and the previous frame, where known. */
  mask?: GrayImage;
  previousMask?: GrayImage;
  /** 0 leaves the matte as it is; 1 holds matching pixels at the previous frame's alpha. */
  strength: number;
}

export interface StabilizeOptions {
  /** Colour change (0..255, mean over the window) at which a pixel counts as matching to 1/e. */
  sigma: number;
  /** Window radius for the colour change: single noisy pixels do not decide. */
  radius: number;
}

// Chosen on synthetic-video/ (temporal.test.ts): lenient enough to follow a motion-blurred subject.
const DEFAULTS: StabilizeOptions = { sigma: 16, radius: 2 };

interface Candidate {
  dx: number;
  dy: number;
  /** 0..1 per pixel: how well this displacement explains the frame there. */
  weight: Float32Array;
}

export function stabilizeAlpha(input: StabilizeInput, options: Partial<StabilizeOptions> = {}): GrayImage {
  const { alpha, previousAlpha, image, previousImage } = input;
  const { width, height } = alpha;
  for (const [what, picture] of [
    ['previous alpha', previousAlpha],
    ['image', image],
    ['previous image', previousImage],
  ] as const) {
    if (picture.width !== width || picture.height !== height)
      throw new RangeError(`stabilizeAlpha: the ${what} is ${picture.width}x${picture.height}, the matte ${width}x${height}`);
  }
  const o = { ...DEFAULTS, ...options };
  const strength = Math.min(1, Math.max(0, input.strength));
  const shift = objectShift(input);
  const displacements = shift && (shift.dx !== 0 || shift.dy !== 0) ? [{ dx: 0, dy: 0 }, shift] : [{ dx: 0, dy: 0 }];
  const candidates: Candidate[] = displacements.map(({ dx, dy }) => ({ dx, dy, weight: matchWeight(input, dx, dy, o) }));
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      let best = candidates[0];
      for (const c of candidates) if (c.weight[i] > best.weight[i]) best = c;
      const w = strength * best.weight[i];
      const from = w > 0 ? (y - best.dy) * width + x - best.dx : i;
      out[i] = Math.round(w * previousAlpha.data[from] + (1 - w) * alpha.data[i]);
    }
  }
  return { width, height, data: out };
}

/** 0..1 per pixel: how well the previous frame at p − d shows what this frame shows at p (0 where that is outside the frame). */
function matchWeight(input: StabilizeInput, dx: number, dy: number, o: StabilizeOptions): Float32Array {
  const { image, previousImage, alpha } = input;
  const { width, height } = alpha;
  const change = new Float32Array(width * height);
  const outside = new Float32Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const xs = x - dx,
        ys = y - dy;
      if (xs < 0 || ys < 0 || xs >= width || ys >= height) {
        outside[i] = 1;
        continue;
      }
      const j = ys * width + xs;
      const p = 4 * i,
        q = 4 * j;
      change[i] = Math.max(
        Math.abs(image.data[p] - previousImage.data[q]),
        Math.abs(image.data[p + 1] - previousImage.data[q + 1]),
        Math.abs(image.data[p + 2] - previousImage.data[q + 2]),
      );
    }
  }
  const local = boxMean(change, width, height, o.radius);
  const excluded = boxMean(outside, width, height, o.radius);
  for (let i = 0; i < local.length; i++) local[i] = excluded[i] > 0 ? 0 : Math.exp(-((local[i] / o.sigma) ** 2));
  return local;
}

/** The object's motion between the tracker's masks: the shift of their centroids, whole frame pixels; null without both. */
function objectShift({ mask, previousMask, alpha }: StabilizeInput): { dx: number; dy: number } | null {
  if (!mask || !previousMask) return null;
  const centroid = ({ width, height, data }: GrayImage) => {
    let sx = 0,
      sy = 0,
      count = 0;
    for (let i = 0; i < data.length; i++) {
      if (data[i] < 128) continue;
      sx += i % width;
      sy += Math.floor(i / width);
      count++;
    }
    // Centres of mask pixels, in the frame's pixels.
    return count === 0 ? null : { x: ((sx / count + 0.5) * alpha.width) / width, y: ((sy / count + 0.5) * alpha.height) / height };
  };
  const [a, b] = [centroid(mask), centroid(previousMask)];
  return a && b ? { dx: Math.round(a.x - b.x), dy: Math.round(a.y - b.y) } : null;
}
