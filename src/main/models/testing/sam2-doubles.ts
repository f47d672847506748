/**
 * Test support: small SAM 2 module doubles. Tensor names and dtypes come from the manifest's
 * module, only dims shrink, so code under test addresses tensors by role exactly as with real models.
 */
import type { ModuleSpec, TensorSpec } from '../../../shared/models';
import { OnnxGraph } from './onnx-graph';

/** Image 32, hidden C 8 on a 4×4 grid, high-res levels 16×16 (2 ch) and 8×8 (4 ch), 4 mask tokens at 16×16. */
export const SMALL = {
  image: 32,
  channels: 8,
  grid: 4,
  highRes0: { size: 16, channels: 2 },
  highRes1: { size: 8, channels: 4 },
  maskTokens: 4,
  lowRes: 16,
} as const;

type Dims = TensorSpec['dims'];
interface DimsByRole {
  inputs: Record<string, Dims>;
  outputs: Record<string, Dims>;
}

/** The module with new dims for every role; a role left out is a mistake in the double, not a default. */
export function withDims(module: ModuleSpec, dims: DimsByRole): ModuleSpec {
  const resize = (tensors: Record<string, TensorSpec>, table: Record<string, Dims>) =>
    Object.fromEntries(
      Object.entries(tensors).map(([role, tensor]) => {
        if (!table[role]) throw new Error(`no small dims for role ${role} (${tensor.name})`);
        return [role, { ...tensor, dims: table[role] }];
      }),
    );
  return { ...module, inputs: resize(module.inputs, dims.inputs), outputs: resize(module.outputs, dims.outputs) };
}

const { image, channels: C, grid, highRes0, highRes1, maskTokens, lowRes } = SMALL;

export const SMALL_IMAGE_ENCODER_DIMS: DimsByRole = {
  inputs: { image: [1, 3, image, image] },
  outputs: {
    vision_features: [1, C, grid, grid],
    pos_enc_0: [1, C, highRes0.size, highRes0.size],
    pos_enc_1: [1, C, highRes1.size, highRes1.size],
    pos_enc_2: [1, C, grid, grid],
    high_res_0: [1, highRes0.channels, highRes0.size, highRes0.size],
    high_res_1: [1, highRes1.channels, highRes1.size, highRes1.size],
    pix_feat: [1, C, grid, grid],
  },
};

export const SMALL_MASK_DECODER_DIMS: DimsByRole = {
  inputs: {
    image_embeddings: [1, C, grid, grid],
    image_pe: [1, C, grid, grid],
    sparse: [1, 'Ns', C],
    dense: [1, C, grid, grid],
    high_res_0: [1, highRes0.channels, highRes0.size, highRes0.size],
    high_res_1: [1, highRes1.channels, highRes1.size, highRes1.size],
  },
  outputs: {
    masks: [1, maskTokens, lowRes, lowRes],
    iou: [1, maskTokens],
    tokens: [1, maskTokens, C],
    object_score: [1, 1],
  },
};

/** Feature channel c of a level = (c + 1) × the mean of RGB over the pooled cell. */
export function expectedFeature(rgbCellMean: number, channel: number): number {
  return (channel + 1) * rgbCellMean;
}

/** Constant positional encoding of level k (0, 1, 2): every value is (k + 1) / 10. */
export function expectedPosEnc(level: number): number {
  return (level + 1) / 10;
}

/**
 * Image encoder: average-pool the image to each level, then a fixed 1×1 conv (see expectedFeature);
 * vision_features and pix_feat are the grid level, positional encodings are constants.
 */
export function imageEncoderDouble(spec: ModuleSpec): OnnxGraph {
  const g = new OnnxGraph('image_encoder_double');
  const input = g.cast(g.input(spec.inputs.image), 'float32');
  const level = (size: number, channels: number) => {
    const stride = image / size;
    const pooled = g.op('AveragePool', [input], { kernel_shape: [stride, stride], strides: [stride, stride] });
    // Weight (c + 1) / 3 on each of R, G, B makes channel c = (c + 1) × their mean.
    const weights = Array.from({ length: channels * 3 }, (_, i) => (Math.floor(i / 3) + 1) / 3);
    return g.op('Conv', [pooled, g.constant('float32', [channels, 3, 1, 1], weights)]);
  };
  const pixFeat = level(grid, C);
  g.output(spec.outputs.vision_features, pixFeat);
  g.output(spec.outputs.pix_feat, pixFeat);
  g.output(spec.outputs.high_res_0, level(highRes0.size, highRes0.channels));
  g.output(spec.outputs.high_res_1, level(highRes1.size, highRes1.channels));
  [highRes0.size, highRes1.size, grid].forEach((size, k) => {
    const values = new Array<number>(C * size * size).fill(expectedPosEnc(k));
    g.output(spec.outputs[`pos_enc_${k}`], g.constant('float32', [1, C, size, size], values));
  });
  return g;
}

/** Per-token offsets the decoder adds, so the four tokens differ and token 1 has the best IoU. */
export const TOKEN_OFFSETS = [0, 0.1, 0.2, 0.3];
export const IOU_BASE = [0.5, 0.9, 0.7, 0.6];

/**
 * Mask decoder: masks[t] = channel mean of (image_embeddings + dense), nearest-upsampled to low-res,
 * + TOKEN_OFFSETS[t]; object_score = mean of image_embeddings (its sign flips presence);
 * tokens[t] = mean of the sparse tokens + TOKEN_OFFSETS[t]; iou = IOU_BASE + mean of sparse.
 */
export function maskDecoderDouble(spec: ModuleSpec): OnnxGraph {
  const g = new OnnxGraph('mask_decoder_double');
  const embeddings = g.cast(g.input(spec.inputs.image_embeddings), 'float32');
  const sparse = g.cast(g.input(spec.inputs.sparse), 'float32');
  const dense = g.cast(g.input(spec.inputs.dense), 'float32');
  for (const role of ['image_pe', 'high_res_0', 'high_res_1']) g.input(spec.inputs[role]);
  const meanAs1x1 = (value: string, axes: number[]) => g.op('Reshape', [g.op('ReduceMean', [value], { axes, keepdims: 1 }), g.constant('int64', [2], [1, 1])]);

  const channelMean = g.op('ReduceMean', [g.op('Add', [embeddings, dense])], { axes: [1], keepdims: 1 });
  const scale = lowRes / grid;
  const upsampled = g.op('Resize', [channelMean, '', g.constant('float32', [4], [1, 1, scale, scale])], { mode: 'nearest' });
  g.output(spec.outputs.masks, g.op('Add', [upsampled, g.constant('float32', [1, maskTokens, 1, 1], TOKEN_OFFSETS)]));

  g.output(spec.outputs.object_score, meanAs1x1(embeddings, [1, 2, 3]));

  const tokenMean = g.op('ReduceMean', [sparse], { axes: [1], keepdims: 1 });
  g.output(spec.outputs.tokens, g.op('Add', [tokenMean, g.constant('float32', [1, maskTokens, 1], TOKEN_OFFSETS)]));

  g.output(spec.outputs.iou, g.op('Add', [meanAs1x1(sparse, [1, 2]), g.constant('float32', [1, maskTokens], IOU_BASE)]));
  return g;
}
