/**
 * SAM2's learnt constants that no module graph of the ONNX set contains (spec §2.6). Format: one more
 * ONNX graph per model, role "constants", with no inputs and one output per constant (names below),
 * so the manifest lists it like any module and the loader checks names, dtypes and shapes the same way.
 * A converter writes it from a PyTorch checkpoint's tensors of the same names.
 */
import type { ModuleSpec } from '../../../../shared/models';
import type { HostTensor, ModuleRunner } from './module-runner';

export const CONSTANTS_ROLE = 'constants';

/** SAM2's num_maskmem: the current frame and six memories. */
export const NUM_MASKMEM = 7;

/** The graph's outputs (role = graph name), at SAM 2.1 dims; C and Cm are free so every size shares it. */
export function constantsModuleSpec(file: string, url: string): ModuleSpec {
  const out = (name: string, dims: Array<number | string>) => ({ name, type: 'float32' as const, dims });
  return {
    file,
    url,
    sha256: null,
    inputs: {},
    outputs: {
      no_mem_embed: out('no_mem_embed', [1, 1, 'C']),
      maskmem_tpos_enc: out('maskmem_tpos_enc', [NUM_MASKMEM, 1, 1, 'Cm']),
      no_obj_ptr: out('no_obj_ptr', [1, 'C']),
      no_obj_embed_spatial: out('no_obj_embed_spatial', [1, 'Cm']),
      // Conv2d(1, 1, k, stride k) taking a full-size mask to the decoder's mask-prompt size.
      mask_downsample_weight: out('mask_downsample_weight', [1, 1, 'k', 'k']),
      mask_downsample_bias: out('mask_downsample_bias', [1]),
    },
  };
}

export interface Sam2Constants {
  /** Hidden channels C and memory channels Cm. */
  channels: number;
  memChannels: number;
  noMemEmbed: Float32Array;
  /** NUM_MASKMEM rows of Cm: row i is added to the memories i + 1 frames back (row 6: conditioning frames). */
  maskmemTposEnc: Float32Array[];
  noObjPtr: Float32Array;
  noObjEmbedSpatial: Float32Array;
  maskDownsample: { kernel: number; weight: Float32Array; bias: number };
}

/** Runs the constants graph once and checks the sizes agree with each other. */
export async function loadConstants(runner: ModuleRunner): Promise<Sam2Constants> {
  const out = await runner.run(CONSTANTS_ROLE, {});
  const floats = (role: string): HostTensor & { data: Float32Array } => {
    const t = out[role];
    if (!t || !(t.data instanceof Float32Array)) throw new Error(`SAM2 constants: ${role} is missing or not float32`);
    return t as HostTensor & { data: Float32Array };
  };
  const noMemEmbed = floats('no_mem_embed');
  const tpos = floats('maskmem_tpos_enc');
  const noObjPtr = floats('no_obj_ptr');
  const noObjSpatial = floats('no_obj_embed_spatial');
  const weight = floats('mask_downsample_weight');
  const channels = noMemEmbed.data.length;
  const memChannels = noObjSpatial.data.length;
  const kernel = weight.dims[2];
  const problems = [
    noObjPtr.data.length !== channels && `no_obj_ptr has ${noObjPtr.data.length} values, no_mem_embed ${channels}`,
    tpos.data.length !== NUM_MASKMEM * memChannels && `maskmem_tpos_enc has ${tpos.data.length} values, expected ${NUM_MASKMEM}×${memChannels}`,
    channels % memChannels !== 0 && `C = ${channels} is not a multiple of Cm = ${memChannels}`,
    weight.dims[3] !== kernel && `mask_downsample_weight is not square: [${weight.dims}]`,
  ].filter((p): p is string => typeof p === 'string');
  if (problems.length > 0) throw new Error(`SAM2 constants do not fit together: ${problems.join('; ')}`);
  return {
    channels,
    memChannels,
    noMemEmbed: noMemEmbed.data,
    maskmemTposEnc: Array.from({ length: NUM_MASKMEM }, (_, i) => tpos.data.slice(i * memChannels, (i + 1) * memChannels)),
    noObjPtr: noObjPtr.data,
    noObjEmbedSpatial: noObjSpatial.data,
    maskDownsample: { kernel, weight: weight.data, bias: floats('mask_downsample_bias').data[0] },
  };
}
