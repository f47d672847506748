/** SAM2's small numeric rules between the modules (sam2_base.py), as pure functions. */

/** sigmoid_scale_for_mem_enc and sigmoid_bias_for_mem_enc of every SAM 2.1 config. */
export const MEM_SCALE = 20;
export const MEM_BIAS = -10;
/** Logit SAM2 writes over every mask of an object it judges absent (NO_OBJ_SCORE). */
export const NO_OBJ_SCORE = -1024;
/** Video predictor's dynamic multimask: stability delta and threshold. */
const STABILITY_DELTA = 0.05;
const STABILITY_THRESH = 0.98;

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** sigmoid × 20 − 10 sampled every 1/64 on [−16, 16]: linear interpolation between samples is within 1e-4 of it. */
const SIGMOID_STEPS = 64;
const SIGMOID_LIMIT = 16;
const MEMORY_TOP = 2 * SIGMOID_LIMIT * SIGMOID_STEPS;
const MEMORY_TABLE = Float32Array.from({ length: MEMORY_TOP + 2 }, (_, i) => sigmoid(i / SIGMOID_STEPS - SIGMOID_LIMIT) * MEM_SCALE + MEM_BIAS);

/**
 * What the memory encoder sees of one mask logit: binarised when the frame's mask came from clicks,
 * else its sigmoid (interpolated from a table: a megapixel a frame); then × 20 − 10.
 */
export function memoryMaskValue(logit: number, fromPrompts: boolean): number {
  if (fromPrompts) return logit > 0 ? MEM_SCALE + MEM_BIAS : MEM_BIAS;
  const t = Math.min(MEMORY_TOP, Math.max(0, (logit + SIGMOID_LIMIT) * SIGMOID_STEPS));
  const k = t | 0;
  return MEMORY_TABLE[k] + (MEMORY_TABLE[k + 1] - MEMORY_TABLE[k]) * (t - k);
}

/** SAM2 `_use_multimask`: with multimask_output_for_tracking, every frame with 0 or 1 prompt points. */
export function useMultimask(pointCount: number): boolean {
  return pointCount <= 1;
}

/** Fraction of the mask that stays foreground when the threshold moves by ±delta (1 when empty). */
export function stabilityScore(logits: Float32Array, offset: number, length: number): number {
  let inner = 0;
  let outer = 0;
  for (let i = offset; i < offset + length; i++) {
    if (logits[i] > STABILITY_DELTA) inner++;
    if (logits[i] > -STABILITY_DELTA) outer++;
  }
  return outer > 0 ? inner / outer : 1;
}

export interface TokenChoice {
  /** Mask token whose logits and IoU are the frame's output. */
  maskToken: number;
  /** Token whose decoder output becomes the object pointer. */
  pointerToken: number;
}

/**
 * SAM2 mask_decoder token selection for M tokens of `plane` logits each: multimask ⇒ best IoU of
 * tokens 1..M−1 for mask and pointer; otherwise token 0, or the best multimask token when token 0 is
 * unstable (dynamic_multimask_via_stability), with the pointer from token 0 either way.
 */
export function chooseToken(iou: ArrayLike<number>, masks: Float32Array, plane: number, multimask: boolean): TokenChoice {
  let best = 1;
  for (let t = 2; t < iou.length; t++) if (iou[t] > iou[best]) best = t;
  if (multimask) return { maskToken: best, pointerToken: best };
  const stable = stabilityScore(masks, 0, plane) >= STABILITY_THRESH;
  return { maskToken: stable ? 0 : best, pointerToken: 0 };
}

/**
 * Sine encoding of pointer distances (SAM2 get_1d_sine_pe over position / tDiffMax): for each
 * position, [sin(x / t_i), cos(x / t_i)] with t_i = 10000^(2⌊i/2⌋ / (dim/2)), i < dim/2.
 */
export function pointerSineEncoding(positions: readonly number[], tDiffMax: number, dim: number): Float32Array {
  const half = dim / 2;
  const out = new Float32Array(positions.length * dim);
  positions.forEach((position, p) => {
    const x = position / tDiffMax;
    for (let i = 0; i < half; i++) {
      const angle = x / Math.pow(10000, (2 * Math.floor(i / 2)) / half);
      out[p * dim + i] = Math.sin(angle);
      out[p * dim + half + i] = Math.cos(angle);
    }
  });
  return out;
}

/**
 * Rounds each value to bfloat16 (nearest, ties to even) in place, kept as float32: SAM2's video
 * predictor stores memory features as bfloat16 and reads them back as float32.
 */
export function roundToBfloat16(values: Float32Array): Float32Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length);
  for (let i = 0; i < bits.length; i++) {
    const b = bits[i];
    // NaN stays NaN (quieted); everything else rounds on its top 16 bits.
    bits[i] = (b & 0x7fffffff) > 0x7f800000 ? (b | 0x00400000) & 0xffff0000 : ((b + 0x7fff + ((b >>> 16) & 1)) & 0xffff0000) >>> 0;
  }
  return values;
}
