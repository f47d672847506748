/** The timeline's timecode readout, on top of the shared SMPTE arithmetic (shared/common/timecode). */
import { addFrames, framesToTimecode } from '../../shared/common/timecode';
import type { Rational } from '../../shared/media';

/** 29.97 and 59.94 footage is labelled drop-frame unless its source timecode says otherwise. */
const isDropFrameRate = (fps: Rational) => fps.den === 1001 && (fps.num === 30000 || fps.num === 60000);

export function formatTimecode(frame: number, fps: Rational, start: string | null): string {
  if (start === null) return framesToTimecode(frame, fps, isDropFrameRate(fps));
  try {
    return addFrames(start, frame, fps);
  } catch {
    // A source timecode the arithmetic refuses still leaves the editor a usable count.
    return framesToTimecode(frame, fps, false);
  }
}
