/**
 * SAM2's learnt constants as the tracker holds them, read from the constants graph whose format
 * models/sam2-constants.ts defines (the spec lives in models, as the converter writes the graph).
 */
import { CONSTANTS_ROLE, NUM_MASKMEM } from '../../../models/sam2-constants';
import type { HostTensor, ModuleRunner } from '../../../inference/module-runner';

export { CONSTANTS_ROLE, constantsModuleSpec, NUM_MASKMEM } from '../../../models/sam2-constants';

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
