/**
 * Test support: a complete SAM 2.1 model folder of doubles — the manifest model's roles, tensor names,
 * dtypes and file names at SMALL dims — plus the constants graph, so the whole tracker loads and runs.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelSpec, ModuleSpec } from '../../../shared/models';
import { CONSTANTS_ROLE } from '../sam2-constants';
import type { OnnxGraph } from './onnx-graph';
import { imageEncoderDouble, maskDecoderDouble, SMALL_IMAGE_ENCODER_DIMS, SMALL_MASK_DECODER_DIMS, withDims } from './sam2-doubles';
import {
  constantsDouble,
  memoryAttentionDouble,
  memoryEncoderDouble,
  mlpDouble,
  promptEncoderDouble,
  SMALL_MEMORY_ATTENTION_DIMS,
  SMALL_MEMORY_ENCODER_DIMS,
  SMALL_MLP_DIMS,
  SMALL_PROMPT_ENCODER_DIMS,
  SMALL_TPOS_PROJ_DIMS,
  smallConstantsSpec,
  tposProjDouble,
} from './sam2-memory-doubles';

type Dims = Parameters<typeof withDims>[1];
const DOUBLES: Record<string, { dims: Dims; graph: (spec: ModuleSpec) => OnnxGraph }> = {
  image_encoder: { dims: SMALL_IMAGE_ENCODER_DIMS, graph: imageEncoderDouble },
  prompt_encoder: { dims: SMALL_PROMPT_ENCODER_DIMS, graph: promptEncoderDouble },
  mask_decoder: { dims: SMALL_MASK_DECODER_DIMS, graph: maskDecoderDouble },
  memory_attention: { dims: SMALL_MEMORY_ATTENTION_DIMS, graph: memoryAttentionDouble },
  memory_encoder: { dims: SMALL_MEMORY_ENCODER_DIMS, graph: memoryEncoderDouble },
  mlp: { dims: SMALL_MLP_DIMS, graph: mlpDouble },
  obj_ptr_tpos_proj: { dims: SMALL_TPOS_PROJ_DIMS, graph: tposProjDouble },
};

/** The small spec of `model` with a constants module; `replace` swaps a module (e.g. another layout). */
export function doubleModelSpec(model: ModelSpec, replace: Record<string, ModuleSpec> = {}): ModelSpec {
  const modules: Record<string, ModuleSpec> = {};
  for (const [role, spec] of Object.entries(model.modules)) {
    // The manifest's constants module (derived from a checkpoint) gets the small one below.
    if (role === CONSTANTS_ROLE) continue;
    const double = DOUBLES[role];
    if (!double) throw new Error(`no double for module ${role} of ${model.id}`);
    modules[role] = replace[role] ?? withDims(spec, double.dims);
  }
  modules[CONSTANTS_ROLE] = replace[CONSTANTS_ROLE] ?? smallConstantsSpec();
  return { ...model, modules };
}

/**
 * Writes every module of `spec` (from doubleModelSpec) into `dir`; `graphs` overrides how a role's
 * graph is built (e.g. a decoder that reports the object absent).
 */
export async function writeDoubleModel(spec: ModelSpec, dir: string, graphs: Record<string, (spec: ModuleSpec) => OnnxGraph> = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [role, module] of Object.entries(spec.modules)) {
    const build = graphs[role] ?? (role === CONSTANTS_ROLE ? constantsDouble : DOUBLES[role]?.graph);
    if (!build) throw new Error(`no double graph for module ${role}`);
    await build(module).write(join(dir, module.file));
  }
}
