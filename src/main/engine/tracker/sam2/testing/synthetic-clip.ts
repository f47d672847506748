/**
 * Test support: a clip at the doubles' image size with a white square (the object) moving over grey,
 * frame f's index written as grey level 20 + 2f into the top-left grid cell (so a memory built from
 * frame f shows where it came from), and chosen frames blacked out but for the marker (the object gone).
 */
import type { FrameSource } from '../../../../../shared/engine';
import type { RgbaImage } from '../../../../../shared/media';
import { normalise } from '../frame-input';

export interface SyntheticClipOptions {
  size: number;
  frameCount: number;
  /** Side of the object square. */
  object: number;
  /** Side of the marker cell (one grid cell). */
  cell: number;
  blackFrames?: number[];
}

/** Grey of the background: clearly not the object for the doubles' decoder. */
const BACKGROUND = 90;

export const markerLevel = (frame: number) => 20 + 2 * frame;

/** Where the object's top-left corner is on frame f: it drifts right one pixel a frame, then wraps. */
export function objectCorner(frame: number, o: SyntheticClipOptions): { x: number; y: number } {
  const travel = o.size - o.object - o.cell;
  return { x: o.cell + (frame % (travel + 1)), y: o.size - o.object };
}

export function syntheticClip(o: SyntheticClipOptions): FrameSource & { decoded: number[] } {
  const decoded: number[] = [];
  return {
    width: o.size,
    height: o.size,
    frameCount: o.frameCount,
    decoded,
    async getFrame(index: number): Promise<RgbaImage> {
      decoded.push(index);
      const data = new Uint8Array(o.size * o.size * 4);
      const black = o.blackFrames?.includes(index);
      const { x: ox, y: oy } = objectCorner(index, o);
      for (let y = 0; y < o.size; y++) {
        for (let x = 0; x < o.size; x++) {
          const inObject = x >= ox && x < ox + o.object && y >= oy && y < oy + o.object;
          const inMarker = x < o.cell && y < o.cell;
          const v = inMarker ? markerLevel(index) : black ? 0 : inObject ? 255 : BACKGROUND;
          data.set([v, v, v, 255], (y * o.size + x) * 4);
        }
      }
      return { width: o.size, height: o.size, data };
    },
  };
}

/** Channel 0 of a memory row built from frame f's marker cell (the doubles' memory encoder keeps pix_feat there). */
export function markerFeature(frame: number): number {
  const v = markerLevel(frame);
  return (normalise(v, 0) + normalise(v, 1) + normalise(v, 2)) / 3;
}
