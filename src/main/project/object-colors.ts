/** Each object gets its own colour by id: hues a golden angle apart stay distinct however many objects there are. */

const GOLDEN_ANGLE = 137.508;

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * value).toString(16).padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

/** Object 1 is a warm coral; later ones step round the colour wheel at a soft, readable lightness. */
export function objectColor(objectId: number): string {
  return hslToHex((2 + (objectId - 1) * GOLDEN_ANGLE) % 360, 0.72, 0.62);
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** Colours travel as #rrggbb so the renderer, the project file and exports agree. */
export function checkColor(color: unknown): string {
  if (typeof color !== 'string' || !HEX_COLOR.test(color)) throw new Error(`Colour ${String(color)} is not a #rrggbb colour.`);
  return color.toLowerCase();
}
