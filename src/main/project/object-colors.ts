/** Each object gets its own colour by id: hues a golden angle apart stay distinct however many objects there are. */

const GOLDEN_ANGLE = 137.508;

function hslToHex(hue: number, saturation: number, lightness: number): string {
  const a = saturation * Math.min(lightness, 1 - lightness);
  const channel = (n: number) => {
    const k = (n + hue / 30) % 12;
    const value = lightness - a * Math.max(-1, Math.min(k - 3, 9 - k, 1));
    return Math.round(255 * value)
      .toString(16)
      .padStart(2, '0');
  };
  return `#${channel(0)}${channel(8)}${channel(4)}`;
}

const SATURATION = 0.72;
const LIGHTNESS = 0.62;

/** Object 1 is a warm coral; later ones step round the colour wheel at a soft, readable lightness. */
export function objectColor(objectId: number): string {
  return hslToHex((2 + (objectId - 1) * GOLDEN_ANGLE) % 360, SATURATION, LIGHTNESS);
}

/** Colours an object can be given to stand out from its subject: twelve hues, as readable as objectColor's. */
export const CONTRAST_PALETTE: readonly string[] = Array.from({ length: 12 }, (_, k) => hslToHex(k * 30, SATURATION, LIGHTNESS));

/** Hue (degrees) and chroma (0..1) of an RGB colour, channels 0..255. */
function hueOf([r, g, b]: readonly number[]): { hue: number; chroma: number } {
  const max = Math.max(r, g, b);
  const chroma = (max - Math.min(r, g, b)) / 255;
  if (chroma === 0) return { hue: 0, chroma };
  const d = chroma * 255;
  const h = max === r ? ((g - b) / d + 6) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4;
  return { hue: h * 60, chroma };
}

const hexRgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const hueDistance = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

/** Below this chroma a subject is grey, black or white: any hue stands out from it. */
const MIN_SUBJECT_CHROMA = 0.12;

/**
 * The palette colour whose hue is farthest from the subject's mean colour, so the overlay never hides
 * in what it covers (a coral mask on a red cup); colours other objects use are passed over while others
 * are left. null for a colourless subject: the object keeps the colour it has.
 */
export function colourAwayFrom(subject: readonly number[], taken: readonly string[] = []): string | null {
  const { hue, chroma } = hueOf(subject);
  if (chroma < MIN_SUBJECT_CHROMA) return null;
  const free = CONTRAST_PALETTE.filter((c) => !taken.includes(c));
  const candidates = free.length > 0 ? free : CONTRAST_PALETTE;
  const distance = (c: string) => hueDistance(hueOf(hexRgb(c)).hue, hue);
  return candidates.reduce((best, c) => (distance(c) > distance(best) ? c : best));
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;

/** Colours travel as #rrggbb so the renderer, the project file and exports agree. */
export function checkColor(color: unknown): string {
  if (typeof color !== 'string' || !HEX_COLOR.test(color)) throw new Error(`Colour ${String(color)} is not a #rrggbb colour.`);
  return color.toLowerCase();
}
