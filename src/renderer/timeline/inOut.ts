/** In/out points: inclusive limits of propagation and export, kept in the project settings; null means the clip's start or end. */
import type { ProjectSettings } from '../../shared/api';
import { clampRange, rangeBetween, type FrameRange } from '../../shared/common/frame-range';

export type InOut = Pick<ProjectSettings, 'inPoint' | 'outPoint'>;

export const NO_IN_OUT: InOut = { inPoint: null, outPoint: null };

/** Marking in after the out point (or out before the in point) drops the other one, as editors do. */
export function markIn(points: InOut, frame: number): InOut {
  return { inPoint: frame, outPoint: points.outPoint !== null && points.outPoint < frame ? null : points.outPoint };
}

export function markOut(points: InOut, frame: number): InOut {
  return { inPoint: points.inPoint !== null && points.inPoint > frame ? null : points.inPoint, outPoint: frame };
}

/** The frames the points enclose, inside the clip: what propagation and export are asked for. */
export function inOutRange(points: InOut, frameCount: number): FrameRange {
  return clampRange(rangeBetween(points.inPoint, points.outPoint, frameCount), frameCount);
}
