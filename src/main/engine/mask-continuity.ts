/**
 * How a tracked frame's output follows from the frame the tracker came from, and whether pieces of its
 * mask lie apart from the object, measured once when the tracker stores the frame (both masks are at
 * hand then; the drift strip reads every frame, often).
 */
import type { FrameContinuity } from '../../shared/engine';
import type { GrayImage } from '../../shared/media';
import { labelComponents } from '../imaging/connected-components';
import { cropGray, type Region } from '../imaging/crop';
import { squaredDistanceTo } from '../imaging/distance-transform';
import { measureMask } from './drift';

/**
 * A connected part holding at least this share of the mask belongs to the object's body, with the
 * largest part: an object can be seen in a few large pieces where something hides its middle (the
 * bedroom girl's head and skirt, her grey shirt left out), while a leak left behind is a small piece.
 */
export const BODY_SHARE = 0.2;

/**
 * IoU of `next` with `previous` moved by the centroid motion between them: 1 when the object only
 * moved; low when its shape or area changed in a way the motion does not explain (a leak onto
 * something beside it, or a jump onto another object). 1 when either mask is empty or the sizes
 * differ: losing the object is another signal.
 */
export function motionCompensatedIoU(previous: GrayImage, next: GrayImage): number {
  const a = measureMask(previous);
  const b = measureMask(next);
  if (a.pixels === 0 || b.pixels === 0 || a.width !== b.width || a.height !== b.height) return 1;
  const dx = Math.round(b.x - a.x);
  const dy = Math.round(b.y - a.y);
  const { width, height } = next;
  let both = 0;
  for (let y = Math.max(0, dy); y < Math.min(height, height + dy); y++) {
    const row = y * width;
    const from = (y - dy) * width - dx;
    for (let x = Math.max(0, dx); x < Math.min(width, width + dx); x++) {
      if (next.data[row + x] >= 128 && previous.data[from + x] >= 128) both++;
    }
  }
  return both / (a.pixels + b.pixels - both);
}

/** The smallest rectangle holding the mask's pixels (at or above 128); null for an empty mask. */
function maskBox({ width, height, data }: GrayImage): Region | null {
  let [x0, y0, x1, y1] = [width, height, -1, -1];
  for (let y = 0, i = 0; y < height; y++) {
    for (let x = 0; x < width; x++, i++) {
      if (data[i] < 128) continue;
      x0 = Math.min(x0, x);
      x1 = Math.max(x1, x);
      y0 = Math.min(y0, y);
      y1 = Math.max(y1, y);
    }
  }
  return x1 < 0 ? null : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 };
}

/**
 * How much of the mask lies apart from the object's body, and how far: the sum over the parts apart
 * (8-connected) of their share of the mask times their distance from the body, in object sizes (the
 * side of a square of the mask's area). 0 for a mask in one piece or in large pieces only. A limb that
 * shows just apart from the body weighs little; a piece of a leak left behind on something else
 * weighs more the farther the object moves away from it.
 */
export function detachedWeight(mask: GrayImage): number {
  const box = maskBox(mask);
  if (!box) return 0;
  // Parts and the distances between them lie within the mask's bounding box: the work runs over it only.
  const { width, height, data } = cropGray(mask, box);
  const { labels, count, areas } = labelComponents(data, width, height);
  let pixels = 0;
  let largest = 1;
  for (let l = 1; l <= count; l++) {
    pixels += areas[l];
    if (areas[l] > areas[largest]) largest = l;
  }
  const inBody = (l: number) => l === largest || areas[l] >= BODY_SHARE * pixels;
  if (areas.every((_, l) => l === 0 || inBody(l))) return 0;
  const body = new Uint8Array(labels.length);
  for (let i = 0; i < labels.length; i++) body[i] = labels[i] !== 0 && inBody(labels[i]) ? 1 : 0;
  const toBody = squaredDistanceTo(body, width, height);
  // Each part's gap: the squared distance from its nearest pixel to the body.
  const gaps = new Float64Array(count + 1).fill(Infinity);
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 0 && !body[i]) gaps[labels[i]] = Math.min(gaps[labels[i]], toBody[i]);
  let weight = 0;
  for (let l = 1; l <= count; l++) if (!inBody(l)) weight += (areas[l] / pixels) * Math.sqrt(gaps[l]);
  return weight / Math.sqrt(pixels);
}

/** Cosine similarity of two vectors; 0 when either is all zeros. */
export function cosineSimilarity(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  return aa > 0 && bb > 0 ? dot / Math.sqrt(aa * bb) : 0;
}

/** What a propagated frame's result carries about the frame `from` it was tracked from. */
export function frameContinuity(from: number, previous: GrayImage, next: GrayImage, pointers?: { previous: Float32Array; next: Float32Array }): FrameContinuity {
  const measured = { from, shapeIoU: motionCompensatedIoU(previous, next), detached: detachedWeight(next) };
  return pointers ? { ...measured, pointerSimilarity: cosineSimilarity(pointers.previous, pointers.next) } : measured;
}
