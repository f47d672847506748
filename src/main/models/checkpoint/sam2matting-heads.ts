/**
 * The paper's ROI detector ("unknown_region_predictor" + "unknown_fusion") and progressive alpha
 * predictor ("unknown_alpha_predictor" + "alpha_pred1/2/3"), as SAM2Matting's checkpoints hold them
 * (sam2/modeling/sam2matting_base.py of FudanCVL/SAM2Matting): each module an nn.Sequential of
 * convolutions, most followed by BatchNorm and ReLU. Read from a checkpoint, checked against the
 * shapes below, with each BatchNorm (eval mode) folded into the convolution before it.
 */
import { withCheckpoint, type CheckpointSource, type FloatTensor } from './torch-checkpoint';

/** One convolution of a head's nn.Sequential; `norm`: BatchNorm2d + ReLU follow it. */
interface ConvSpec {
  transposed: boolean;
  in: number;
  out: number;
  kernel: number;
  norm: boolean;
}

const conv = (cin: number, cout: number): ConvSpec => ({ transposed: false, in: cin, out: cout, kernel: 3, norm: true });
/** ConvTranspose2d(kernel 4, stride 2, padding 1): doubles the size. */
const up = (cin: number, cout: number): ConvSpec => ({ transposed: true, in: cin, out: cout, kernel: 4, norm: true });
/** The last 1×1 convolution to one channel, bare (alpha_pred's Sigmoid is added by the graph). */
const last = (cin: number): ConvSpec => ({ transposed: false, in: cin, out: 1, kernel: 1, norm: false });

/** Inputs are [feature, mask or trimap (1), image (3), previous alpha (1)] concatenated. */
const SPEC = {
  'unknown_region_predictor.scale_64': [conv(32 + 1 + 3, 128), conv(128, 64)],
  'unknown_region_predictor.scale_128': [conv(64 + 1 + 3, 128), conv(128, 64)],
  'unknown_region_predictor.scale_256': [conv(256 + 1 + 3, 256), conv(256, 64)],
  unknown_fusion: [conv(64 * 3, 64), conv(64, 32), last(32)],
  'unknown_alpha_predictor.scale_64': [up(256 + 1 + 3, 512), conv(512, 128), conv(128, 64)],
  'unknown_alpha_predictor.scale_128': [up(64 + 1 + 3 + 1, 256), conv(256, 64)],
  'unknown_alpha_predictor.scale_256': [up(32 + 1 + 3 + 1, 256), conv(256, 128), conv(128, 64)],
  alpha_pred1: [conv(64, 32), last(32)],
  alpha_pred2: [conv(64, 32), last(32)],
  alpha_pred3: [conv(64, 32), last(32)],
} satisfies Record<string, ConvSpec[]>;

export type HeadModule = keyof typeof SPEC;

/** A convolution with its BatchNorm folded in: weight [out, in, k, k] (transposed: [in, out, k, k]). */
export interface FoldedConv {
  /** The convolution's name in the state dict, e.g. unknown_fusion.0. */
  name: string;
  transposed: boolean;
  kernel: number;
  weight: FloatTensor;
  bias: Float32Array;
  relu: boolean;
}

export type Sam2MattingHeads = Record<HeadModule, FoldedConv[]>;

/** nn.BatchNorm2d's default. */
const BN_EPSILON = 1e-5;
const BN_PARTS = ['weight', 'bias', 'running_mean', 'running_var'] as const;

/** Each convolution's index in its nn.Sequential: conv, BatchNorm, ReLU take one slot each. */
function layers(module: HeadModule): Array<{ spec: ConvSpec; index: number }> {
  let index = 0;
  return SPEC[module].map((spec) => {
    const at = index;
    index += spec.norm ? 3 : 1;
    return { spec, index: at };
  });
}

/** Every tensor the heads are made of, with its shape (BatchNorm's num_batches_tracked is not needed). */
export function headTensorShapes(): Map<string, number[]> {
  const shapes = new Map<string, number[]>();
  for (const module of Object.keys(SPEC) as HeadModule[]) {
    for (const { spec, index } of layers(module)) {
      const { in: cin, out, kernel: k } = spec;
      shapes.set(`${module}.${index}.weight`, spec.transposed ? [cin, out, k, k] : [out, cin, k, k]);
      shapes.set(`${module}.${index}.bias`, [out]);
      if (spec.norm) for (const part of BN_PARTS) shapes.set(`${module}.${index + 1}.${part}`, [out]);
    }
  }
  return shapes;
}

/**
 * Checks every head tensor (present, its shape, finite values) and folds each BatchNorm into its
 * convolution: y = (conv(x) + b − mean) · γ/√(var + ε) + β. `label` names the source in errors.
 */
export function foldSam2MattingHeads(tensors: ReadonlyMap<string, FloatTensor>, label: string): Sam2MattingHeads {
  const shapes = headTensorShapes();
  const missing = [...shapes.keys()].filter((name) => !tensors.has(name));
  if (missing.length > 0) {
    const listed = missing.length > 4 ? `${missing.slice(0, 4).join(', ')} and ${missing.length - 4} more` : missing.join(', ');
    throw new Error(`${label} lacks the SAM2Matting head tensor${missing.length > 1 ? 's' : ''} ${listed}: is it a SAM2Matting checkpoint? (SAM 2.1's hold no matting heads)`);
  }
  for (const [name, dims] of shapes) {
    const tensor = tensors.get(name)!;
    if (tensor.dims.join() !== dims.join()) throw new Error(`${label}: ${name} has shape [${tensor.dims}], expected [${dims}]`);
    if (!tensor.data.every(Number.isFinite)) throw new Error(`${label}: ${name} holds values that are not finite numbers`);
    if (name.endsWith('.running_var') && tensor.data.some((v) => v < 0)) throw new Error(`${label}: ${name} holds a negative variance`);
  }
  const heads = {} as Sam2MattingHeads;
  for (const module of Object.keys(SPEC) as HeadModule[]) {
    heads[module] = layers(module).map(({ spec, index }) => {
      const get = (part: string) => tensors.get(`${module}.${part}`)!.data;
      const name = `${module}.${index}`;
      const weight = Float32Array.from(get(`${index}.weight`));
      const bias = Float32Array.from(get(`${index}.bias`));
      if (spec.norm) {
        const [gamma, beta, mean, variance] = BN_PARTS.map((part) => get(`${index + 1}.${part}`));
        // Output channel o's weights: one block of in·k² in [out, in, k, k]; k² every out·k² in [in, out, k, k].
        const block = spec.kernel * spec.kernel;
        for (let o = 0; o < spec.out; o++) {
          const scale = gamma[o] / Math.sqrt(variance[o] + BN_EPSILON);
          for (let i = 0; i < spec.in; i++) {
            const at = spec.transposed ? (i * spec.out + o) * block : (o * spec.in + i) * block;
            for (let j = at; j < at + block; j++) weight[j] *= scale;
          }
          bias[o] = (bias[o] - mean[o]) * scale + beta[o];
        }
      }
      const dims = tensors.get(`${name}.weight`)!.dims;
      return { name, transposed: spec.transposed, kernel: spec.kernel, weight: { dims, data: weight }, bias, relu: spec.norm };
    });
  }
  return heads;
}

/** Reads the heads from a SAM2Matting checkpoint (only their tensors), checked and folded. */
export function readSam2MattingHeads(source: CheckpointSource): Promise<Sam2MattingHeads> {
  return withCheckpoint(source, async (checkpoint) => {
    const tensors = new Map<string, FloatTensor>();
    for (const name of headTensorShapes().keys()) if (checkpoint.has(name)) tensors.set(name, await checkpoint.readFloats(name));
    return foldSam2MattingHeads(tensors, checkpoint.label);
  });
}
