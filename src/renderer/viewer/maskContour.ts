/**
 * The tracker's cut (probability 128) as line segments, by marching squares over the mask's pixel
 * centres with linear interpolation along cell edges: the boundary of the mask as the canvas scales it
 * (bilinear), found at the mask's own size and stroked by the canvas at any size.
 */
import type { GrayImage } from '../../shared/media';

/** Halfway between 127 and 128, so a pixel at 128 is inside and one at 127 outside, as maskPixels' rule. */
const LEVEL = 127.5;

/** Edges of a cell: 0 top, 1 right, 2 bottom, 3 left. Pairs of edges each case joins (corners tl 8, tr 4, br 2, bl 1 inside). */
const SEGMENTS: ReadonlyArray<readonly number[]> = [[], [3, 2], [2, 1], [3, 1], [0, 1], [], [0, 2], [3, 0], [3, 0], [0, 2], [], [0, 1], [3, 1], [2, 1], [3, 2], []];
/** The saddles (5: tr and bl inside, 10: tl and br), by whether the cell's centre is inside. */
const SADDLES: Record<number, { inside: number[]; outside: number[] }> = {
  5: { inside: [3, 0, 2, 1], outside: [0, 1, 3, 2] },
  10: { inside: [0, 1, 3, 2], outside: [3, 0, 2, 1] },
};

/**
 * Segments [x0, y0, x1, y1, ...] in the coordinates of the mask stretched to width x height (pixel
 * centres at half-pixel positions, as drawImage scales). Beyond the outer pixel centres nothing is
 * drawn, so a mask touching the image border is not outlined along it.
 */
export function contourSegments(mask: GrayImage, width: number, height: number): Float32Array {
  const { width: w, height: h, data } = mask;
  const sx = width / w;
  const sy = height / h;
  const out: number[] = [];
  const point = (x: number, y: number, edge: number) => {
    const [ax, ay, bx, by] = edge === 0 ? [x, y, x + 1, y] : edge === 1 ? [x + 1, y, x + 1, y + 1] : edge === 2 ? [x, y + 1, x + 1, y + 1] : [x, y, x, y + 1];
    const a = data[ay * w + ax];
    const t = (LEVEL - a) / (data[by * w + bx] - a);
    out.push((ax + t * (bx - ax) + 0.5) * sx, (ay + t * (by - ay) + 0.5) * sy);
  };
  for (let y = 0; y < h - 1; y++) {
    for (let x = 0; x < w - 1; x++) {
      const tl = data[y * w + x];
      const tr = data[y * w + x + 1];
      const br = data[(y + 1) * w + x + 1];
      const bl = data[(y + 1) * w + x];
      const index = (tl > LEVEL ? 8 : 0) | (tr > LEVEL ? 4 : 0) | (br > LEVEL ? 2 : 0) | (bl > LEVEL ? 1 : 0);
      if (index === 0 || index === 15) continue;
      const saddle = SADDLES[index];
      const edges = saddle ? ((tl + tr + br + bl) / 4 > LEVEL ? saddle.inside : saddle.outside) : SEGMENTS[index];
      for (const edge of edges) point(x, y, edge);
    }
  }
  return Float32Array.from(out);
}
