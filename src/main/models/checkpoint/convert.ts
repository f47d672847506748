/**
 * A checkpoint (.pt) → the graph the app builds from it: SAM 2.1's constants graph the tracker loads
 * (role "constants"), or the SAM2Matting heads graph (role "heads"); and the fingerprint of the
 * tracker it holds, for the pairing check.
 */
import { basename } from 'node:path';
import type { ModuleBuild } from '../../../shared/models';
import { writeFileAtomic } from '../../fs/atomic-write';
import { constantsModuleSpec } from '../sam2-constants';
import { writeConstantsGraph } from './constants-graph';
import { buildSam2MattingHeadsGraph } from './sam2matting-heads-graph';
import { readSam2MattingHeads } from './sam2matting-heads';
import { readCheckpointTensors, type FloatTensor } from './torch-checkpoint';
import { trackerFingerprint, trackerFingerprintIfAny } from './tracker-fingerprint';

/** Graph output name → the parameter's name in SAM2Base's state dict (sam2/modeling/sam2_base.py). */
export const CHECKPOINT_KEYS: Record<string, string> = {
  no_mem_embed: 'no_mem_embed',
  maskmem_tpos_enc: 'maskmem_tpos_enc',
  no_obj_ptr: 'no_obj_ptr',
  no_obj_embed_spatial: 'no_obj_embed_spatial',
  mask_downsample_weight: 'mask_downsample.weight',
  mask_downsample_bias: 'mask_downsample.bias',
};

/**
 * Checks each tensor's shape against the constants spec: fixed dims must be equal, and a named dim
 * (C, Cm, k) must have one size across all tensors. Returns the tensors by output name.
 */
export function checkConstantShapes(tensors: Map<string, FloatTensor>, label: string): Record<string, FloatTensor> {
  const spec = constantsModuleSpec('', '');
  const bound = new Map<string, { size: number; key: string }>();
  const problems: string[] = [];
  const out: Record<string, FloatTensor> = {};
  for (const [name, key] of Object.entries(CHECKPOINT_KEYS)) {
    const tensor = tensors.get(key)!;
    const dims = spec.outputs[name].dims;
    const expected = `[${dims.map((d) => (typeof d === 'string' && bound.has(d) ? `${d}=${bound.get(d)!.size}` : d)).join(',')}]`;
    const fits =
      tensor.dims.length === dims.length && dims.every((d, i) => (typeof d === 'number' ? tensor.dims[i] === d : (bound.get(d)?.size ?? tensor.dims[i]) === tensor.dims[i]));
    if (!fits) {
      problems.push(`${key} has shape [${tensor.dims}], expected ${expected}`);
      continue;
    }
    dims.forEach((d, i) => typeof d === 'string' && !bound.has(d) && bound.set(d, { size: tensor.dims[i], key }));
    out[name] = tensor;
  }
  if (problems.length > 0) throw new Error(`${label} does not hold SAM 2.1's constants: ${problems.join('; ')}`);
  return out;
}

/** Reads the six constants from the checkpoint and writes the graph bytes. */
export async function constantsGraphFromCheckpoint(ptPath: string): Promise<Uint8Array> {
  const tensors = await readCheckpointTensors(ptPath, Object.values(CHECKPOINT_KEYS));
  return writeConstantsGraph(checkConstantShapes(tensors, basename(ptPath)));
}

/** The graph `build` makes from the checkpoint (only the tensors it needs are read). */
export async function graphFromCheckpoint(ptPath: string, build: ModuleBuild = 'sam2-constants'): Promise<Uint8Array> {
  return build === 'sam2matting-heads' ? buildSam2MattingHeadsGraph(await readSam2MattingHeads(ptPath)) : constantsGraphFromCheckpoint(ptPath);
}

export interface Converted {
  bytes: number;
  /**
   * trackerFingerprint of the checkpoint; null for a SAM 2.1 checkpoint without tracker tensors
   * (the constants need none). Heads always have one: without it they could not be paired.
   */
  trackerFingerprint: string | null;
}

/** Converts and writes `outOnnxPath` through a temporary sibling, so it is either whole or not there. */
export async function convertCheckpoint(ptPath: string, outOnnxPath: string, build: ModuleBuild = 'sam2-constants'): Promise<Converted> {
  const graph = await graphFromCheckpoint(ptPath, build);
  const fingerprint = build === 'sam2matting-heads' ? await trackerFingerprint(ptPath) : await trackerFingerprintIfAny(ptPath);
  await writeFileAtomic(outOnnxPath, graph, { backup: false });
  return { bytes: graph.length, trackerFingerprint: fingerprint };
}
