/**
 * How a tracked frame's output follows from the frame the tracker came from, measured once when the
 * tracker stores the frame (both masks are at hand then; the drift strip reads every frame, often).
 */
import type { FrameContinuity } from '../../shared/engine';
import type { GrayImage } from '../../shared/media';
import { measureMask } from './drift';

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
  const shapeIoU = motionCompensatedIoU(previous, next);
  return pointers ? { from, shapeIoU, pointerSimilarity: cosineSimilarity(pointers.previous, pointers.next) } : { from, shapeIoU };
}
