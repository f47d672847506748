/** Connected components of a binary mask (8- or 4-connected), by flood fill with an explicit stack. */

export interface Components {
  /** 0 outside the mask, 1..count inside. */
  labels: Int32Array;
  count: number;
  /** Pixel count per label; areas[0] is unused. */
  areas: Int32Array;
}

/** Labels the pixels where `mask[i] >= threshold`; 4-connected pixels share an edge, 8-connected also a corner. */
export function labelComponents(mask: Uint8Array, width: number, height: number, threshold = 128, connectivity: 4 | 8 = 8): Components {
  const n = width * height;
  const labels = new Int32Array(n);
  const stack = new Int32Array(n);
  const areas: number[] = [0];
  let count = 0;
  for (let seed = 0; seed < n; seed++) {
    if (labels[seed] !== 0 || mask[seed] < threshold) continue;
    const label = ++count;
    let area = 0;
    let top = 0;
    stack[top++] = seed;
    labels[seed] = label;
    while (top > 0) {
      const p = stack[--top];
      area++;
      const x = p % width;
      const y = (p - x) / width;
      const y0 = y > 0 ? -1 : 0;
      const y1 = y < height - 1 ? 1 : 0;
      const x0 = x > 0 ? -1 : 0;
      const x1 = x < width - 1 ? 1 : 0;
      for (let dy = y0; dy <= y1; dy++) {
        for (let dx = x0; dx <= x1; dx++) {
          if (connectivity === 4 && dx !== 0 && dy !== 0) continue;
          const q = p + dy * width + dx;
          if (labels[q] === 0 && mask[q] >= threshold) {
            labels[q] = label;
            stack[top++] = q;
          }
        }
      }
    }
    areas.push(area);
  }
  return { labels, count, areas: Int32Array.from(areas) };
}

/**
 * Which components to keep: those with at least `minOverlap` of their pixels (fraction) where
 * `anchor[i] >= threshold`, and at least one such pixel.
 */
export function componentsOverlapping(components: Components, anchor: Uint8Array, minOverlap = 0, threshold = 128): Uint8Array {
  const hits = new Int32Array(components.count + 1);
  const { labels } = components;
  for (let i = 0; i < labels.length; i++) if (labels[i] !== 0 && anchor[i] >= threshold) hits[labels[i]]++;
  const keep = new Uint8Array(components.count + 1);
  for (let l = 1; l <= components.count; l++) keep[l] = hits[l] > 0 && hits[l] >= minOverlap * components.areas[l] ? 1 : 0;
  return keep;
}

/**
 * Sets to `value` the holes of the mask (regions below `threshold` that do not touch the border)
 * smaller than `maxArea` pixels, in place.
 */
export function fillHoles(mask: Uint8Array, width: number, height: number, maxArea: number, value = 255, threshold = 128): void {
  const inverse = new Uint8Array(mask.length);
  for (let i = 0; i < mask.length; i++) inverse[i] = mask[i] >= threshold ? 0 : 255;
  const holes = labelComponents(inverse, width, height);
  const touchesBorder = new Uint8Array(holes.count + 1);
  for (let x = 0; x < width; x++) touchesBorder[holes.labels[x]] = touchesBorder[holes.labels[(height - 1) * width + x]] = 1;
  for (let y = 0; y < height; y++) touchesBorder[holes.labels[y * width]] = touchesBorder[holes.labels[y * width + width - 1]] = 1;
  for (let i = 0; i < mask.length; i++) {
    const l = holes.labels[i];
    if (l !== 0 && !touchesBorder[l] && holes.areas[l] <= maxArea) mask[i] = value;
  }
}
