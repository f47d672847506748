/**
 * Results of overlapping tiles put back together: each tile's pixels are weighted by their distance
 * from the tile's edge, so that where tiles overlap the one that saw more context around a pixel counts
 * more and seams fade out instead of jumping.
 */
import type { Rect } from '../../../shared/engine';

export class TileBlender {
  private readonly sum: Float32Array;
  private readonly weight: Float32Array;

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.sum = new Float32Array(width * height);
    this.weight = new Float32Array(width * height);
  }

  /** Adds a tile's values (roi.width × roi.height, row-major) where `include` (frame pixel index) allows, all when omitted. */
  add(values: ArrayLike<number>, roi: Rect, include?: (i: number) => boolean): void {
    for (let y = 0; y < roi.height; y++) {
      const fromEdgeY = Math.min(y, roi.height - 1 - y);
      for (let x = 0; x < roi.width; x++) {
        const i = (roi.y + y) * this.width + roi.x + x;
        if (include && !include(i)) continue;
        const w = Math.min(fromEdgeY, x, roi.width - 1 - x) + 1;
        this.sum[i] += w * values[y * roi.width + x];
        this.weight[i] += w;
      }
    }
  }

  /** The blended value of a frame pixel, or `fallback` where no tile covered it. */
  value(i: number, fallback: number): number {
    return this.weight[i] > 0 ? this.sum[i] / this.weight[i] : fallback;
  }
}

/** Tiles of at most `size` covering width × height, neighbours overlapping by at least `overlap`. */
export function gridTiles(width: number, height: number, size: number, overlap: number): Rect[] {
  const starts = (length: number): number[] => {
    if (length <= size) return [0];
    const count = Math.ceil((length - overlap) / (size - overlap));
    const step = (length - size) / (count - 1);
    return Array.from({ length: count }, (_, k) => Math.round(k * step));
  };
  const tileW = Math.min(size, width),
    tileH = Math.min(size, height);
  return starts(height).flatMap((y) => starts(width).map((x) => ({ x, y, width: tileW, height: tileH })));
}
