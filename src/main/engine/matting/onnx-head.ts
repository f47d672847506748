/**
 * A matting head from the model manifest (family 'matting-head', e.g. ViTMatte): one module with an
 * `image_trimap` input [B,4,H,W] and an `alpha` output [B,1,H,W] (the ViTMatte export's layout). The host normalises RGB
 * with mean 0.5 / std 0.5, appends the trimap as 0 / 0.5 / 1, pads H and W with zeros to a multiple
 * of 32, crops the alpha back, and runs big regions as overlapping tiles blended together. The
 * model has one quality: 'preview' and 'final' run alike (the engine scales big previews down).
 * Its module runs through a ModuleRunner like the SAM 2.1 modules and the paper's heads: in the app, the
 * model manager's (pins checked, a worker thread, providers with reasons, cancel); elsewhere one in this
 * process.
 */
import type { MattingHead, MattingInput } from '../../../shared/engine';
import type { ExecutionProvider, ModelSpec, ModuleSpec } from '../../../shared/models';
import type { GrayImage, RgbaImage } from '../../../shared/media';
import { cropGray, cropRgba } from '../../imaging/crop';
import { abortError } from '../../../shared/common/abort';
import { modelDir } from '../../models/manifest';
import { ModelError } from '../../../shared/model-error';
import { InProcessRunner } from '../../inference/in-process-runner';
import type { ModuleRunner } from '../../inference/module-runner';
import { gridTiles, TileBlender } from './tile-blend';
import { isUnknown, matteFromAlpha } from '../../../shared/common/trimap-values';

export const MATTING_MODULE = 'matting';
const INPUT_ROLE = 'image_trimap';
const OUTPUT_ROLE = 'alpha';
const PAD_MULTIPLE = 32;

export interface OnnxHeadOptions {
  /** Largest tile side fed to the model (memory and attention cost grow fast with size). */
  maxTile: number;
  /** Overlap between tiles, blended by distance from the tile edge. */
  tileOverlap: number;
}

const DEFAULTS: OnnxHeadOptions = { maxTile: 1024, tileOverlap: 64 };

/** pixel_values for the region padded to `paddedWidth` × `paddedHeight`: channels R, G, B (normalised), trimap. */
export function toPixelValues(image: RgbaImage, trimap: GrayImage, paddedWidth: number, paddedHeight: number): Float32Array {
  const { width, height } = trimap;
  const plane = paddedWidth * paddedHeight;
  const out = new Float32Array(4 * plane);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      const o = y * paddedWidth + x;
      for (let c = 0; c < 3; c++) out[c * plane + o] = (image.data[4 * i + c] / 255 - 0.5) / 0.5;
      const t = trimap.data[i];
      out[3 * plane + o] = t === 255 ? 1 : t === 0 ? 0 : 0.5;
    }
  }
  return out;
}

export const paddedSize = (size: number): number => Math.ceil(size / PAD_MULTIPLE) * PAD_MULTIPLE;

/** The module of a matting-head model, checked for the roles the host feeds and reads. */
export function mattingModule(model: ModelSpec): ModuleSpec {
  const module = model.modules[MATTING_MODULE];
  const problem = !module
    ? `has no "${MATTING_MODULE}" module`
    : !module.inputs[INPUT_ROLE] || !module.outputs[OUTPUT_ROLE]
      ? `module "${MATTING_MODULE}" needs an input role "${INPUT_ROLE}" and an output role "${OUTPUT_ROLE}"`
      : module.inputs[INPUT_ROLE].type !== 'float32' || module.outputs[OUTPUT_ROLE].type !== 'float32'
        ? `roles "${INPUT_ROLE}" and "${OUTPUT_ROLE}" must be float32`
        : null;
  if (problem) throw new ModelError('manifest', `Matting model ${model.id} ${problem}.`);
  return module;
}

export class OnnxMattingHead implements MattingHead {
  readonly name: string;

  private constructor(
    private readonly runner: ModuleRunner,
    title: string,
    private readonly options: OnnxHeadOptions,
  ) {
    this.name = `${title} (ONNX, ${this.provider})`;
  }

  /** The head on its model's runner, already opened (the model manager's openRunner, for the 'matting' module). */
  static on(model: ModelSpec, runner: ModuleRunner, options: Partial<OnnxHeadOptions> = {}): OnnxMattingHead {
    mattingModule(model);
    return new OnnxMattingHead(runner, model.title, { ...DEFAULTS, ...options });
  }

  /** Opens the model's module in this process on the first provider that loads it; ModelError when missing or mismatched. */
  static async open(model: ModelSpec, modelsDir: string, providers: readonly ExecutionProvider[], options: Partial<OnnxHeadOptions> = {}): Promise<OnnxMattingHead> {
    mattingModule(model);
    return OnnxMattingHead.on(model, await InProcessRunner.open(model, modelDir(modelsDir, model.id), providers, [MATTING_MODULE]), options);
  }

  get provider(): ExecutionProvider {
    return this.runner.providers[MATTING_MODULE] as ExecutionProvider;
  }

  async matte(input: MattingInput, signal?: AbortSignal): Promise<GrayImage> {
    const { image, trimap } = input;
    if (image.width !== trimap.width || image.height !== trimap.height) {
      throw new Error(`matte: image ${image.width}x${image.height} and trimap ${trimap.width}x${trimap.height} differ`);
    }
    if (!trimap.data.some(isUnknown)) return matteFromAlpha(trimap, null);
    const { width, height } = trimap;
    const blender = new TileBlender(width, height);
    for (const tile of gridTiles(width, height, this.options.maxTile, this.options.tileOverlap)) {
      if (signal?.aborted) throw abortError();
      blender.add(await this.run(cropRgba(image, tile), cropGray(trimap, tile), signal), tile);
    }
    const alpha = new Float32Array(width * height);
    for (let i = 0; i < alpha.length; i++) alpha[i] = Math.min(1, Math.max(0, blender.value(i, 0)));
    return matteFromAlpha(trimap, alpha);
  }

  async close(): Promise<void> {
    await this.runner.close();
  }

  /** Alpha 0..1 for one tile, cropped back from the padded output. */
  private async run(image: RgbaImage, trimap: GrayImage, signal?: AbortSignal): Promise<Float32Array> {
    const { width, height } = trimap;
    const pw = paddedSize(width),
      ph = paddedSize(height);
    const results = await this.runner.run(MATTING_MODULE, { [INPUT_ROLE]: { type: 'float32', dims: [1, 4, ph, pw], data: toPixelValues(image, trimap, pw, ph) } }, signal);
    const output = results[OUTPUT_ROLE];
    const [, channels, oh, ow] = output.dims;
    if (output.dims.length !== 4 || channels !== 1 || oh !== ph || ow !== pw) {
      throw new ModelError('mismatch', `${this.name}: output ${OUTPUT_ROLE} has dims [${output.dims.join(',')}], expected [1,1,${ph},${pw}]`);
    }
    const data = output.data as Float32Array;
    const alpha = new Float32Array(width * height);
    for (let y = 0; y < height; y++) alpha.set(data.subarray(y * pw, y * pw + width), y * width);
    return alpha;
  }
}
