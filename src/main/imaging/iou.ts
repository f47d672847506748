/** Intersection over union of binary masks (value >= threshold), the video segmentation score. */
import type { GrayImage } from '../../shared/media';

/** IoU of two masks of the same size; two empty masks agree perfectly (1). */
export function maskIoU(a: GrayImage, b: GrayImage, threshold = 128): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`maskIoU: ${a.width}x${a.height} vs ${b.width}x${b.height}`);
  let intersection = 0;
  let union = 0;
  for (let i = 0; i < a.data.length; i++) {
    const inA = a.data[i] >= threshold;
    const inB = b.data[i] >= threshold;
    if (inA && inB) intersection++;
    if (inA || inB) union++;
  }
  return union === 0 ? 1 : intersection / union;
}

/** Mean IoU over paired frames. */
export function meanIoU(predicted: GrayImage[], truth: GrayImage[], threshold = 128): number {
  if (predicted.length !== truth.length || predicted.length === 0) throw new Error(`meanIoU: ${predicted.length} vs ${truth.length} frames`);
  return predicted.reduce((sum, p, i) => sum + maskIoU(p, truth[i], threshold), 0) / predicted.length;
}
