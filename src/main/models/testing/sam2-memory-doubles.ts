/**
 * Test support: doubles of the SAM2 modules around the memory bank and of the constants
 * graph, at SMALL dims, with outputs a test can decode back into what the host fed them.
 */
import type { ModuleSpec } from '../../../shared/models';
import { constantsModuleSpec, NUM_MASKMEM } from '../sam2-constants';
import { OnnxGraph } from './onnx-graph';
import { SMALL, withDims } from './sam2-doubles';

/** Memory channels Cm of the doubles (C = 8 ⇒ 2 tokens per object pointer). */
export const SMALL_MEM_CHANNELS = 4;
const { image, channels: C, grid, lowRes } = SMALL;
const Cm = SMALL_MEM_CHANNELS;
const HW = grid * grid;

/** Values of the generated constants graph and of the memory encoder's positional encoding. */
export const DOUBLE_CONSTANTS = {
  noMemEmbed: 0.25,
  /** maskmem_tpos_enc row i is TPOS_STEP · (i + 1) in every channel. */
  tposStep: 100,
  noObjPtr: -7,
  noObjEmbedSpatial: 500,
  memPosEnc: 1,
} as const;

export const SMALL_PROMPT_ENCODER_DIMS = {
  inputs: { coords: [1, 'N', 2], labels: [1, 'N'], mask_prompt: [1, 1, lowRes, lowRes], mask_enable: [1] },
  outputs: { sparse: [1, 'Ns', C], dense: [1, C, grid, grid], image_pe: [1, C, grid, grid] },
};

export const SMALL_MEMORY_ATTENTION_DIMS = {
  inputs: {
    curr: [HW, 1, C],
    curr_pos: [HW, 1, C],
    memory_spatial: ['S', 1, Cm],
    memory_spatial_pos: ['S', 1, Cm],
    memory_pointers: ['T', 1, Cm],
    memory_pointers_pos: ['T', 1, Cm],
    mask_spatial: ['S', 1],
    mask_pointers: ['T', 1],
  },
  outputs: { conditioned: [HW, 1, C] },
};

export const SMALL_MEMORY_ENCODER_DIMS = {
  inputs: { pix_feat: [1, C, grid, grid], mask: [1, 1, image, image] },
  outputs: { maskmem_features: [1, Cm, grid, grid], maskmem_pos_enc: [1, Cm, grid, grid] },
};

export const SMALL_MLP_DIMS = { inputs: { token: ['B', C] }, outputs: { obj_ptr: ['B', C] } };
export const SMALL_TPOS_PROJ_DIMS = { inputs: { tpos_sine: ['P', C] }, outputs: { tpos_enc: ['P', Cm] } };

export const SMALL_CONSTANTS_DIMS = {
  inputs: {},
  outputs: {
    no_mem_embed: [1, 1, C],
    maskmem_tpos_enc: [NUM_MASKMEM, 1, 1, Cm],
    no_obj_ptr: [1, C],
    no_obj_embed_spatial: [1, Cm],
    mask_downsample_weight: [1, 1, image / lowRes, image / lowRes],
    mask_downsample_bias: [1],
  },
};

/** The other public memory-attention layout (A1): one memory tensor with the pointer-token count. */
export const JOINED_MEMORY_ATTENTION: ModuleSpec = {
  file: 'memory_attention_joined.onnx',
  url: 'https://example.invalid/memory_attention_joined.onnx',
  sha256: null,
  inputs: {
    curr: { name: 'curr', type: 'float32', dims: [HW, 1, C] },
    curr_pos: { name: 'curr_pos', type: 'float32', dims: [HW, 1, C] },
    memory: { name: 'memory', type: 'float32', dims: ['S', 1, Cm] },
    memory_pos: { name: 'memory_pos', type: 'float32', dims: ['S', 1, Cm] },
    num_pointer_tokens: { name: 'num_obj_ptr_tokens', type: 'int64', dims: [] },
  },
  outputs: { conditioned: { name: 'output', type: 'float32', dims: [HW, 1, C] } },
};

export function smallConstantsSpec(file = 'sam2_constants.onnx'): ModuleSpec {
  return withDims(constantsModuleSpec(file, `https://example.invalid/${file}`), SMALL_CONSTANTS_DIMS);
}

/**
 * Prompt encoder: sparse token n = [x / image, y / image, label, 0, ...] plus SAM2's padding token
 * [0, 0, −1, 0, ...]; dense = masks_enable × the mask prompt average-pooled to the grid, in every channel.
 */
export function promptEncoderDouble(spec: ModuleSpec): OnnxGraph {
  const g = new OnnxGraph('prompt_encoder_double');
  const coords = g.op('Div', [g.input(spec.inputs.coords), g.constant('float32', [1], [image])]);
  const labels = g.op('Unsqueeze', [g.cast(g.input(spec.inputs.labels), 'float32'), g.constant('int64', [1], [2])]);
  const points = g.op('Concat', [coords, labels], { axis: 2 });
  const padded = g.op('Pad', [points, g.constant('int64', [6], [0, 0, 0, 0, 0, C - 3])]);
  const padToken = Array.from({ length: C }, (_, i) => (i === 2 ? -1 : 0));
  g.output(spec.outputs.sparse, g.op('Concat', [padded, g.constant('float32', [1, 1, C], padToken)], { axis: 1 }));

  const stride = lowRes / grid;
  const pooled = g.op('AveragePool', [g.input(spec.inputs.mask_prompt)], { kernel_shape: [stride, stride], strides: [stride, stride] });
  const enabled = g.op('Mul', [pooled, g.cast(g.input(spec.inputs.mask_enable), 'float32')]);
  g.output(spec.outputs.dense, g.op('Mul', [enabled, g.constant('float32', [1, C, 1, 1], new Array(C).fill(1))]));
  g.output(spec.outputs.image_pe, g.constant('float32', [1, C, grid, grid], new Array(C * HW).fill(0)));
  return g;
}

/** Weight of the mask channel in the memory double: memories shift the decoder, but do not swamp the frame. */
const MASK_WEIGHT = 0.1;

/**
 * Memory encoder: maskmem_features = [the first Cm − 1 channels of pix_feat, MASK_WEIGHT × the mask
 * average-pooled to the grid]; maskmem_pos_enc = DOUBLE_CONSTANTS.memPosEnc everywhere.
 */
export function memoryEncoderDouble(spec: ModuleSpec): OnnxGraph {
  const g = new OnnxGraph('memory_encoder_double');
  const feat = g.op('Slice', [g.input(spec.inputs.pix_feat), g.constant('int64', [1], [0]), g.constant('int64', [1], [Cm - 1]), g.constant('int64', [1], [1])]);
  const stride = image / grid;
  const pooled = g.op('AveragePool', [g.input(spec.inputs.mask)], { kernel_shape: [stride, stride], strides: [stride, stride] });
  const mask = g.op('Mul', [pooled, g.constant('float32', [1], [MASK_WEIGHT])]);
  g.output(spec.outputs.maskmem_features, g.op('Concat', [feat, mask], { axis: 1 }));
  g.output(spec.outputs.maskmem_pos_enc, g.constant('float32', [1, Cm, grid, grid], new Array(Cm * HW).fill(DOUBLE_CONSTANTS.memPosEnc)));
  return g;
}

/** Mean of every value, 0 for an empty tensor (no memories of a kind). */
function safeMean(g: OnnxGraph, x: string): string {
  const sum = g.op('ReduceSum', [x], { keepdims: 0 });
  const count = g.op('Max', [g.cast(g.op('Size', [x]), 'float32'), g.constant('float32', [], [1])]);
  return g.op('Div', [sum, count]);
}

/** Memory attention (split layout of the manifest): conditioned = curr + mean(spatial) + mean(pointers). */
export function memoryAttentionDouble(spec: ModuleSpec): OnnxGraph {
  const g = new OnnxGraph('memory_attention_double');
  for (const role of ['curr_pos', 'memory_spatial_pos', 'memory_pointers_pos', 'mask_spatial', 'mask_pointers']) g.input(spec.inputs[role]);
  const withSpatial = g.op('Add', [g.input(spec.inputs.curr), safeMean(g, g.input(spec.inputs.memory_spatial))]);
  g.output(spec.outputs.conditioned, g.op('Add', [withSpatial, safeMean(g, g.input(spec.inputs.memory_pointers))]));
  return g;
}

/** Memory attention (joined layout): conditioned = curr + mean(memory). */
export function joinedMemoryAttentionDouble(spec: ModuleSpec): OnnxGraph {
  const g = new OnnxGraph('memory_attention_joined_double');
  for (const role of ['curr_pos', 'memory_pos', 'num_pointer_tokens']) g.input(spec.inputs[role]);
  g.output(spec.outputs.conditioned, g.op('Add', [g.input(spec.inputs.curr), safeMean(g, g.input(spec.inputs.memory))]));
  return g;
}

/** Object-pointer MLP: obj_ptr = 2 × token. */
export function mlpDouble(spec: ModuleSpec): OnnxGraph {
  const g = new OnnxGraph('mlp_double');
  g.output(spec.outputs.obj_ptr, g.op('Mul', [g.input(spec.inputs.token), g.constant('float32', [1], [2])]));
  return g;
}

/** Pointer temporal projection: the first Cm columns of the sine encoding. */
export function tposProjDouble(spec: ModuleSpec): OnnxGraph {
  const g = new OnnxGraph('obj_ptr_tpos_proj_double');
  const x = g.input(spec.inputs.tpos_sine);
  g.output(spec.outputs.tpos_enc, g.op('Slice', [x, g.constant('int64', [1], [0]), g.constant('int64', [1], [Cm]), g.constant('int64', [1], [1])]));
  return g;
}

/** The constants graph with DOUBLE_CONSTANTS; mask_downsample averages each k×k block. */
export function constantsDouble(spec: ModuleSpec): OnnxGraph {
  const g = new OnnxGraph('sam2_constants_double');
  const k = image / lowRes;
  const fill = (role: string, value: (i: number) => number) => {
    const dims = spec.outputs[role].dims as number[];
    const count = dims.reduce((a, b) => a * b, 1);
    g.output(
      spec.outputs[role],
      g.constant(
        'float32',
        dims,
        Array.from({ length: count }, (_, i) => value(i)),
      ),
    );
  };
  fill('no_mem_embed', () => DOUBLE_CONSTANTS.noMemEmbed);
  fill('maskmem_tpos_enc', (i) => DOUBLE_CONSTANTS.tposStep * (Math.floor(i / Cm) + 1));
  fill('no_obj_ptr', () => DOUBLE_CONSTANTS.noObjPtr);
  fill('no_obj_embed_spatial', () => DOUBLE_CONSTANTS.noObjEmbedSpatial);
  fill('mask_downsample_weight', () => 1 / (k * k));
  fill('mask_downsample_bias', () => 0);
  return g;
}
