/** The viewer's interaction tools and their settings. */

/** Mask import is an action (a file picker), not a tool that stays selected. */
export type Tool = 'point' | 'box' | 'brush' | 'hand';

export type BrushMode = 'add' | 'subtract';

export const MIN_BRUSH_RADIUS = 1;
export const MAX_BRUSH_RADIUS = 400;
export const DEFAULT_BRUSH_RADIUS = 12;

/** [ and ] step the radius geometrically, as in paint tools, never by less than a pixel. */
export function stepBrushRadius(radius: number, direction: 1 | -1): number {
  const next = direction > 0 ? Math.max(radius + 1, Math.round(radius * 1.25)) : Math.min(radius - 1, Math.round(radius / 1.25));
  return Math.min(MAX_BRUSH_RADIUS, Math.max(MIN_BRUSH_RADIUS, next));
}

/** Alt (or Shift) flips the polarity chosen in the tool options for one gesture. */
export function effectivePositive(togglePositive: boolean, modifierHeld: boolean): boolean {
  return modifierHeld ? !togglePositive : togglePositive;
}

export function effectiveBrushMode(mode: BrushMode, modifierHeld: boolean): BrushMode {
  if (!modifierHeld) return mode;
  return mode === 'add' ? 'subtract' : 'add';
}
