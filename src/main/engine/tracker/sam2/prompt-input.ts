/**
 * An editor's prompts on one frame as SAM2's prompt encoder takes them (SAM2 `add_new_points_or_box`, `add_new_mask`): points in
 * model-image space with labels (box corners first), and a low-res mask prompt for strokes, imported
 * masks and corrections. A mask given on its own is used as the frame's output instead (SAM2
 * use_mask_input_as_output_without_sam).
 */
import type { GrayImage } from '../../../../shared/media';
import type { Prompt, StrokePrompt } from '../../../../shared/prompts';
import { fillStroke } from '../../../imaging/rasterize';
import { resizeBilinearAntialias } from '../../../imaging/reference-resize';
import { MEM_BIAS, MEM_SCALE } from './sam2-math';

export const LABEL = { negative: 0, positive: 1, boxTopLeft: 2, boxBottomRight: 3 } as const;
/** Most points one stroke turns into: enough to say where it runs, few enough to stay a hint. */
const POINTS_PER_STROKE = 8;
/** Logit painted under a stroke (what a confident SAM2 mask holds). */
const STROKE_LOGIT = 10;
/** SAM2 clamps a previous mask before feeding it back as a prompt. */
const PROMPT_CLAMP = 32;

export interface PromptGeometry {
  frameWidth: number;
  frameHeight: number;
  imageSize: number;
  lowRes: number;
}

export interface PromptInput {
  /** x, y per point in model-image space. */
  coords: Float32Array;
  labels: Int32Array;
  /** Low-res mask prompt logits (lowRes × lowRes), or null for none. */
  maskLogits: Float32Array | null;
  /** Only masks were given: their union, 0/1 at imageSize × imageSize, to be used as the output. */
  maskOnly: Float32Array | null;
}

/**
 * `previous` is the frame's earlier low-res logits when it is being corrected: it becomes the mask
 * prompt (clamped) unless the prompts bring their own mask.
 */
export function encodePrompts(prompts: readonly Prompt[], geo: PromptGeometry, previous: Float32Array | null = null): PromptInput {
  const sx = geo.imageSize / geo.frameWidth;
  const sy = geo.imageSize / geo.frameHeight;
  const coords: number[] = [];
  const labels: number[] = [];
  // SAM2 takes one box, as the first two points: a later box replaces an earlier one.
  const box = prompts.filter((p) => p.kind === 'box').at(-1);
  if (box) {
    coords.push(Math.min(box.x0, box.x1) * sx, Math.min(box.y0, box.y1) * sy, Math.max(box.x0, box.x1) * sx, Math.max(box.y0, box.y1) * sy);
    labels.push(LABEL.boxTopLeft, LABEL.boxBottomRight);
  }
  for (const p of prompts) {
    if (p.kind === 'point') {
      coords.push(p.x * sx, p.y * sy);
      labels.push(p.positive ? LABEL.positive : LABEL.negative);
    } else if (p.kind === 'stroke') {
      for (const [x, y] of strokeSamples(p)) {
        coords.push(x * sx, y * sy);
        labels.push(p.mode === 'add' ? LABEL.positive : LABEL.negative);
      }
    }
  }
  const masks = prompts.filter((p) => p.kind === 'mask');
  const strokes = prompts.filter((p): p is StrokePrompt => p.kind === 'stroke');
  const union = masks.length > 0 ? maskUnion(masks, geo.imageSize) : null;
  if (union && labels.length === 0) return { coords: new Float32Array(0), labels: new Int32Array(0), maskOnly: union, maskLogits: null };

  const base = union
    ? maskPromptFromBinary(union, geo.imageSize, geo.lowRes)
    : previous
      ? previous.map((v) => Math.max(-PROMPT_CLAMP, Math.min(PROMPT_CLAMP, v)))
      : strokes.length > 0
        ? new Float32Array(geo.lowRes * geo.lowRes).fill(-STROKE_LOGIT)
        : null;
  if (base && strokes.length > 0) paintStrokes(base, strokes, geo);
  return { coords: Float32Array.from(coords), labels: Int32Array.from(labels), maskLogits: base, maskOnly: null };
}

/** Points along a stroke: its vertices, evenly thinned to at most POINTS_PER_STROKE. */
function strokeSamples(stroke: StrokePrompt): Array<[number, number]> {
  const vertices: Array<[number, number]> = [];
  for (let i = 0; i + 1 < stroke.points.length; i += 2) vertices.push([stroke.points[i], stroke.points[i + 1]]);
  if (vertices.length <= POINTS_PER_STROKE) return vertices;
  return Array.from({ length: POINTS_PER_STROKE }, (_, k) => vertices[Math.round((k * (vertices.length - 1)) / (POINTS_PER_STROKE - 1))]);
}

/**
 * Union of mask prompts at the model image size, 0 or 1 per pixel: each mask (pixels ≥ 128 are the
 * object) resized as SAM2's add_new_mask resizes it (antialiased bilinear, then ≥ 0.5).
 */
function maskUnion(masks: ReadonlyArray<Extract<Prompt, { kind: 'mask' }>>, size: number): Float32Array {
  const out = new Float32Array(size * size);
  for (const m of masks) {
    const binary = Float32Array.from(m.data, (v) => (v >= 128 ? 1 : 0));
    const resized = m.width === size && m.height === size ? binary : resizeBilinearAntialias(binary, m.width, m.height, size, size);
    for (let i = 0; i < out.length; i++) if (resized[i] >= 0.5) out[i] = 1;
  }
  return out;
}

/** SAM2's logits of a binary mask used as output (×20 − 10), downsampled to the low-res size with antialiasing (`_use_mask_as_output`). */
export function maskPromptFromBinary(binary: Float32Array, imageSize: number, lowRes: number): Float32Array {
  return resizeBilinearAntialias(
    binary.map((v) => v * MEM_SCALE + MEM_BIAS),
    imageSize,
    imageSize,
    lowRes,
    lowRes,
  );
}

/** Paints add strokes as +STROKE_LOGIT and subtract strokes as −STROKE_LOGIT into low-res logits. */
function paintStrokes(logits: Float32Array, strokes: readonly StrokePrompt[], geo: PromptGeometry): void {
  const sx = geo.lowRes / geo.frameWidth;
  const sy = geo.lowRes / geo.frameHeight;
  const painted: GrayImage = { width: geo.lowRes, height: geo.lowRes, data: new Uint8Array(geo.lowRes * geo.lowRes) };
  for (const s of strokes) {
    // Frame pixels to low-res pixels per axis (frames are squeezed into a square), centres aligned.
    const points = s.points.map((v, i) => (v + 0.5) * (i % 2 === 0 ? sx : sy) - 0.5);
    fillStroke(painted, points, s.radius * Math.sqrt(sx * sy), s.mode === 'add' ? 2 : 1);
  }
  for (let i = 0; i < logits.length; i++) if (painted.data[i] !== 0) logits[i] = painted.data[i] === 2 ? STROKE_LOGIT : -STROKE_LOGIT;
}
