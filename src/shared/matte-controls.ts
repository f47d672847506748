/**
 * Each object's matte controls (like After Effects' Refine Matte, Resolve's Matte Finesse): what they
 * are, their ranges and how they read, shared by the checks, the history's labels and the Matte panel.
 * The maths is in src/main/imaging/matte-refine.ts.
 */

export interface MatteControls {
  /** Pixels the edge moves outward (+) or inward (−); whole pixels. */
  grow: number;
  /** Pixels over which a hard edge ramps from 10 % to 90 % (a Gaussian blur); 0 = off. */
  feather: number;
  /** 0..1: steepens the edge around its 50 % point; 1 cuts it there. */
  contrast: number;
  /** −1..1 (±100 %): which alpha becomes the 50 % point; + moves the edge outward. */
  shiftEdge: number;
  /** 0..1: how much of the estimated foreground colour replaces the image's in semi-transparent pixels (exports). */
  decontamination: number;
  /** 0..1: chatter reduction, each frame held towards the previous one where the picture matches (exports). */
  temporalStability: number;
}

/**
 * Controls that change nothing: what an object starts with, and what older projects get. Exports
 * always carried the full foreground colour, so full decontamination is the neutral amount.
 */
export const NEUTRAL_MATTE: Readonly<MatteControls> = { grow: 0, feather: 0, contrast: 0, shiftEdge: 0, decontamination: 1, temporalStability: 0 };

export interface MatteControlSpec {
  key: keyof MatteControls;
  label: string;
  /** What the control does, for tooltips. */
  title: string;
  min: number;
  max: number;
  step: number;
  /** How the value reads: pixels, a percentage of the stored fraction, or the plain number. */
  unit: 'px' | '%' | '';
  /** Whole values only. */
  whole?: boolean;
}

export const MATTE_CONTROLS: readonly MatteControlSpec[] = [
  { key: 'grow', label: 'Shrink / grow', title: 'Moves the edge out (+) or in (−), in pixels', min: -40, max: 40, step: 1, unit: 'px', whole: true },
  { key: 'feather', label: 'Feather', title: 'Softens the edge over about this many pixels', min: 0, max: 40, step: 0.5, unit: 'px' },
  { key: 'contrast', label: 'Contrast', title: 'Hardens the edge around its 50 % point', min: 0, max: 1, step: 0.05, unit: '%' },
  { key: 'shiftEdge', label: 'Shift edge', title: 'Moves the 50 % point of the edge: + out, − in', min: -1, max: 1, step: 0.05, unit: '%' },
  {
    key: 'decontamination',
    label: 'Decontamination',
    title: 'How much of the estimated foreground colour replaces the old background in soft edges (exports)',
    min: 0,
    max: 1,
    step: 0.05,
    unit: '%',
  },
  {
    key: 'temporalStability',
    label: 'Chatter reduction',
    title: 'Reduces frame-to-frame chatter of the matte; higher is steadier but may lag fast motion (exports)',
    min: 0,
    max: 1,
    step: 0.05,
    unit: '',
  },
];

/** "+4 px", "−2 px", "35 %", "0.05"; signed where the range is. */
export function formatMatteControl(spec: MatteControlSpec, value: number): string {
  const shown = spec.unit === '%' ? Math.round(value * 100) : Number(value.toFixed(2));
  const sign = spec.min < 0 && shown > 0 ? '+' : shown < 0 ? '−' : '';
  return `${sign}${Math.abs(shown)}${spec.unit ? ` ${spec.unit}` : ''}`;
}
