/** In/out points: inclusive limits of propagation and export; null means the clip's start or end. */

export interface InOut {
  inPoint: number | null;
  outPoint: number | null;
}

export const NO_IN_OUT: InOut = { inPoint: null, outPoint: null };

/** Marking in after the out point (or out before the in point) drops the other one, as editors do. */
export function markIn(points: InOut, frame: number): InOut {
  return { inPoint: frame, outPoint: points.outPoint !== null && points.outPoint < frame ? null : points.outPoint };
}

export function markOut(points: InOut, frame: number): InOut {
  return { inPoint: points.inPoint !== null && points.inPoint > frame ? null : points.inPoint, outPoint: frame };
}

/** The frames the points enclose, named as PropagateRequest and ExportRequest name them. */
export function frameRange(points: InOut, frameCount: number): { rangeStart: number; rangeEnd: number } {
  const last = Math.max(0, frameCount - 1);
  const clamp = (f: number) => Math.min(last, Math.max(0, f));
  return { rangeStart: clamp(points.inPoint ?? 0), rangeEnd: clamp(points.outPoint ?? last) };
}
