/**
 * The colour of an OpenEXR export: the source's transfer function removed (OpenEXR pixels are linear
 * light), its primaries kept and named in the chromaticities attribute. Sources that do not say are
 * taken as BT.709 (video) or sRGB (images) with BT.709 primaries and D65 white, and the file says so.
 */
import type { MediaKind } from '../../../shared/media';
import type { SourceDetails } from '../probe';
import type { Chromaticities } from './write-exr';

type Curve = 'bt709' | 'srgb' | 'linear' | 'gamma22' | 'gamma28';

/** Encoded value (0..1) to linear light. */
const TO_LINEAR: Record<Curve, (v: number) => number> = {
  // BT.709's (and BT.601's, BT.2020's) camera curve, inverted.
  bt709: (v) => (v < 0.081 ? v / 4.5 : ((v + 0.099) / 1.099) ** (1 / 0.45)),
  srgb: (v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4),
  linear: (v) => v,
  gamma22: (v) => v ** 2.2,
  gamma28: (v) => v ** 2.8,
};

/** ffprobe's transfer names, by the curve they use. */
const CURVES: Record<string, Curve> = {
  bt709: 'bt709',
  smpte170m: 'bt709',
  'bt2020-10': 'bt709',
  'bt2020-12': 'bt709',
  'iec61966-2-1': 'srgb',
  linear: 'linear',
  gamma22: 'gamma22',
  gamma28: 'gamma28',
};

const D65 = [0.3127, 0.329] as const;

/** ffprobe's primaries names. */
const PRIMARIES: Record<string, Chromaticities> = {
  bt709: { red: [0.64, 0.33], green: [0.3, 0.6], blue: [0.15, 0.06], white: D65 },
  bt2020: { red: [0.708, 0.292], green: [0.17, 0.797], blue: [0.131, 0.046], white: D65 },
  bt470bg: { red: [0.64, 0.33], green: [0.29, 0.6], blue: [0.15, 0.06], white: D65 },
  smpte170m: { red: [0.63, 0.34], green: [0.31, 0.595], blue: [0.155, 0.07], white: D65 },
  smpte240m: { red: [0.63, 0.34], green: [0.31, 0.595], blue: [0.155, 0.07], white: D65 },
  smpte432: { red: [0.68, 0.32], green: [0.265, 0.69], blue: [0.15, 0.06], white: D65 },
};

export interface ExrColour {
  /** Linear light of each 8-bit code. */
  toLinear: Float32Array;
  chromaticities: Chromaticities;
  /** What was removed and kept, and whether it was the source's word or assumed: for the file's header. */
  transferNote: string;
  primariesNote: string;
}

export function exrColour(kind: MediaKind, tags: SourceDetails['colour']): ExrColour {
  const transfer = chosen(tags.transfer, CURVES, kind === 'video' ? 'bt709' : 'iec61966-2-1');
  const primaries = chosen(tags.primaries, PRIMARIES, 'bt709');
  const curve = CURVES[transfer.name];
  return {
    toLinear: Float32Array.from({ length: 256 }, (_, code) => TO_LINEAR[curve](code / 255)),
    chromaticities: PRIMARIES[primaries.name],
    transferNote: `${transfer.name} ${transfer.why}; removed: the pixels are linear light`,
    primariesNote: `${primaries.name} ${primaries.why}`,
  };
}

/** The source's tag when it is one we know, else the default, with why in words. */
function chosen(tag: string | null, known: Record<string, unknown>, fallback: string): { name: string; why: string } {
  if (tag && Object.hasOwn(known, tag)) return { name: tag, why: '(from the source)' };
  return { name: fallback, why: tag ? `(assumed: the source's ${tag} is not supported)` : '(assumed: the source does not say)' };
}
