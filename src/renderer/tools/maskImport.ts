/** An imported image → the 0..255 mask a MaskPrompt carries. */

/**
 * Uses the alpha channel when the image has one that varies (a cut-out), else luma (a matte
 * painted white on black), which covers both ways mattes are usually delivered.
 */
export function maskFromRgba(rgba: ArrayLike<number>, width: number, height: number): Uint8Array {
  const count = width * height;
  if (rgba.length !== count * 4) throw new Error(`Expected ${count * 4} RGBA bytes, got ${rgba.length}`);
  const out = new Uint8Array(count);
  let hasAlpha = false;
  for (let i = 0; i < count && !hasAlpha; i++) hasAlpha = rgba[i * 4 + 3] < 255;
  for (let i = 0; i < count; i++) {
    const o = i * 4;
    out[i] = hasAlpha ? rgba[o + 3] : Math.round(0.2126 * rgba[o] + 0.7152 * rgba[o + 1] + 0.0722 * rgba[o + 2]);
  }
  return out;
}
