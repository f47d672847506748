/**
 * Which frames a correction on one frame influences: from that frame up to, not including, the nearest
 * conditioning (prompted) frame in each direction, within the contiguous run of frames that have results.
 */
import type { FrameRange } from '../../../shared/common/frame-range';

export function influencedRange(frame: number, isConditioning: (frame: number) => boolean, hasResult: (frame: number) => boolean, frameCount: number): FrameRange {
  const reaches = (f: number) => f >= 0 && f < frameCount && hasResult(f) && !isConditioning(f);
  let start = frame;
  while (reaches(start - 1)) start--;
  let end = frame;
  while (reaches(end + 1)) end++;
  return { start, end };
}
