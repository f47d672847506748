/**
 * SAM2's learnt constants that no module graph of the ONNX set contains (no_mem_embed, maskmem_tpos_enc, no_obj_ptr, ...). Format: one more
 * ONNX graph per model, role "constants", with no inputs and one output per constant (names below),
 * so the manifest lists it like any module and the loader checks names, dtypes and shapes the same way.
 * A converter (checkpoint/convert.ts) writes it from a PyTorch checkpoint's tensors of the same names;
 * the tracker loads it (engine/tracker/sam2/constants.ts).
 */
import type { ModuleSpec } from '../../shared/models';

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
