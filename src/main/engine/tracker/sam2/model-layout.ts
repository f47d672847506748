/** What the host must know about an export before running it, read from its manifest entry. */
import type { ModelSpec } from '../../../../shared/models';

/** 'split': spatial and pointer memories in separate inputs with attention masks (ailia 2.1 .opt); 'joined': one memory tensor and a pointer-token count (A1). */
export type MemoryLayout = 'split' | 'joined';

export interface Sam2Layout {
  /** Side of the square image the encoder takes (1024 for SAM 2.1). */
  imageSize: number;
  memoryLayout: MemoryLayout;
}

export const SPLIT_ROLES = ['curr', 'curr_pos', 'memory_spatial', 'memory_spatial_pos', 'memory_pointers', 'memory_pointers_pos', 'mask_spatial', 'mask_pointers'];
export const JOINED_ROLES = ['curr', 'curr_pos', 'memory', 'memory_pos', 'num_pointer_tokens'];
export const SAM2_MODULES = ['image_encoder', 'prompt_encoder', 'mask_decoder', 'memory_attention', 'memory_encoder', 'mlp', 'obj_ptr_tpos_proj'];

export function readSam2Layout(model: ModelSpec): Sam2Layout {
  const missing = SAM2_MODULES.filter((role) => !model.modules[role]);
  if (missing.length > 0) throw new Error(`Model ${model.id} lacks SAM2 modules: ${missing.join(', ')}`);
  const image = model.modules.image_encoder.inputs.image;
  const size = image?.dims[2];
  if (!image || typeof size !== 'number' || image.dims[3] !== size) {
    throw new Error(`Model ${model.id}: image_encoder input "image" must have a fixed square size, found ${image ? `[${image.dims}]` : 'none'}`);
  }
  const roles = Object.keys(model.modules.memory_attention.inputs);
  const has = (wanted: string[]) => wanted.every((r) => roles.includes(r)) && roles.length === wanted.length;
  const memoryLayout = has(SPLIT_ROLES) ? 'split' : has(JOINED_ROLES) ? 'joined' : null;
  if (!memoryLayout) {
    throw new Error(`Model ${model.id}: memory_attention inputs [${roles.join(', ')}] are neither [${SPLIT_ROLES.join(', ')}] nor [${JOINED_ROLES.join(', ')}]`);
  }
  return { imageSize: size, memoryLayout };
}
