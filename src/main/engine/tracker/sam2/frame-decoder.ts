/**
 * Prompt encoder + mask decoder for one frame of one object (SAM2 `_forward_sam_heads`, `_use_mask_as_output`): SAM2's token
 * choice, the object-score rule (absent ⇒ NO_OBJ_SCORE logits and no_obj_ptr), and a mask given alone
 * used as the output.
 */
import type { ModuleSpec } from '../../../../shared/models';
import { ModelError } from '../../../../shared/model-error';
import type { Sam2Constants } from './constants';
import type { FrameFeatures } from './image-features';
import { blockConvolve, type FloatMap } from './logit-maps';
import { floatTensor } from '../../../inference/float-tensor';
import type { HostTensor, ModuleRunner } from '../../../inference/module-runner';
import { maskPromptFromBinary, type PromptInput } from './prompt-input';
import { chooseToken, MEM_BIAS, MEM_SCALE, NO_OBJ_SCORE, useMultimask } from './sam2-math';

export interface Decoded {
  logits: FloatMap;
  score: number;
  present: boolean;
  objectScore: number;
  pointer: Float32Array;
  /** Decoder token of the mask (null: the mask prompt was the output) and of the pointer; whether multimask ran. */
  maskToken: number | null;
  pointerToken: number;
  multimask: boolean;
}

export class FrameDecoder {
  /** The export's own prompt encoder takes masks [b,h,w] and embeds them wrongly (traced unbatched): no mask prompts then. */
  private readonly maskPrompts: boolean;

  constructor(
    private readonly runner: ModuleRunner,
    private readonly constants: Sam2Constants,
    private readonly imageSize: number,
    private readonly promptEncoder: ModuleSpec,
  ) {
    this.maskPrompts = promptEncoder.inputs.mask_prompt?.dims.length === 4;
  }

  private async promptAndDecode(feats: FrameFeatures, embeddings: Float32Array, input: PromptInput | null, maskPrompt: Float32Array | null, signal?: AbortSignal) {
    const lowRes = 4 * feats.grid;
    // No points: one padding point (0, 0) labelled −1, as SAM2 does.
    const count = input && input.labels.length > 0 ? input.labels.length : 0;
    if (maskPrompt && !this.maskPrompts) throw this.maskPromptsUnsupported();
    const maskDims = this.maskPrompts ? [1, 1, lowRes, lowRes] : [1, lowRes, lowRes];
    const prompt = await this.runner.run(
      'prompt_encoder',
      {
        coords: floatTensor([1, Math.max(1, count), 2], count ? input!.coords : new Float32Array(2)),
        labels: { type: 'int32', dims: [1, Math.max(1, count)], data: count ? input!.labels : Int32Array.of(-1) },
        mask_prompt: floatTensor(maskDims, maskPrompt ?? new Float32Array(lowRes * lowRes)),
        mask_enable: { type: 'int32', dims: [1], data: Int32Array.of(maskPrompt ? 1 : 0) },
      },
      signal,
    );
    const { channels: C, grid } = feats;
    const decoded = await this.runner.run(
      'mask_decoder',
      {
        image_embeddings: floatTensor([1, C, grid, grid], embeddings),
        image_pe: prompt.image_pe,
        sparse: prompt.sparse,
        dense: prompt.dense,
        high_res_0: feats.highRes0,
        high_res_1: feats.highRes1,
      },
      signal,
    );
    return { count, decoded };
  }

  private maskPromptsUnsupported(): ModelError {
    const { file, replaces } = this.promptEncoder;
    const wanted = replaces ?? 'a prompt encoder that takes masks [B,1,H,W]';
    return new ModelError(
      'unsupported',
      `Imported masks, brush strokes and corrections on tracked frames need ${wanted}: this model has only ${file}, whose mask input cannot take SAM2's mask prompts. Points and boxes still work; add ${wanted} to the model (Models… → Import) for the rest.`,
    );
  }

  /** Decodes the memory-conditioned feature, or the feature + no_mem_embed when there is no memory. */
  async decode(feats: FrameFeatures, input: PromptInput | null, conditioned: Float32Array | null, signal?: AbortSignal): Promise<Decoded> {
    const embeddings = conditioned ?? this.withoutMemory(feats);
    const { count, decoded } = await this.promptAndDecode(feats, embeddings, input, input?.maskLogits ?? null, signal);
    const [, tokens, height, width] = decoded.masks.dims;
    const plane = height * width;
    const masks = decoded.masks.data as Float32Array;
    const iou = decoded.iou.data as Float32Array;
    if (tokens !== iou.length) throw new Error(`mask decoder: ${tokens} masks but ${iou.length} IoU scores`);
    const multimask = useMultimask(count);
    const choice = chooseToken(iou, masks, plane, multimask);
    const objectScore = (decoded.object_score.data as Float32Array)[0];
    const present = objectScore > 0;
    const logits = present ? masks.slice(choice.maskToken * plane, (choice.maskToken + 1) * plane) : new Float32Array(plane).fill(NO_OBJ_SCORE);
    const pointer = present ? await this.pointerOf(decoded.tokens, choice.pointerToken, signal) : this.constants.noObjPtr.slice();
    return { logits: { width, height, data: logits }, score: iou[choice.maskToken], present, objectScore, pointer, ...choice, multimask };
  }

  private async pointerOf(tokens: HostTensor, token: number, signal?: AbortSignal): Promise<Float32Array> {
    const C = tokens.dims[2];
    const row = (tokens.data as Float32Array).slice(token * C, (token + 1) * C);
    return (await this.runner.run('mlp', { token: floatTensor([1, C], row) }, signal)).obj_ptr.data as Float32Array;
  }

  /**
   * A mask given alone is the output (SAM2 `_use_mask_as_output`): logits M·20−10
   * downsampled, IoU 1, presence = any pixel set; the pointer comes from decoding the raw feature with
   * the mask (through mask_downsample) as the mask prompt, no_obj_ptr if either says the object is absent.
   */
  async maskAsOutput(feats: FrameFeatures, binary: Float32Array, signal?: AbortSignal): Promise<Decoded> {
    const size = this.imageSize;
    const lowRes = 4 * feats.grid;
    const { kernel, weight, bias } = this.constants.maskDownsample;
    if (size / kernel !== lowRes) throw new Error(`SAM2 constants: mask_downsample kernel ${kernel} does not take ${size} to ${lowRes}`);
    const maskPrompt = blockConvolve({ width: size, height: size, data: binary }, kernel, weight, bias).data;
    const { decoded } = await this.promptAndDecode(feats, feats.pixFeat, null, maskPrompt, signal);
    const present = binary.some((v) => v > 0);
    // SAM2 applies the decoder's own object-score rule to this pointer first, then the mask's presence.
    const decoderSeesObject = (decoded.object_score.data as Float32Array)[0] > 0;
    const pointer = present && decoderSeesObject ? await this.pointerOf(decoded.tokens, 0, signal) : this.constants.noObjPtr.slice();
    return {
      logits: { width: lowRes, height: lowRes, data: maskPromptFromBinary(binary, size, lowRes) },
      score: 1,
      present,
      // SAM2 uses the same 20 / −10 as its object-score logit for a given mask.
      objectScore: present ? MEM_SCALE + MEM_BIAS : MEM_BIAS,
      pointer,
      maskToken: null,
      pointerToken: 0,
      multimask: false,
    };
  }

  /** Vision feature + no_mem_embed in every position (directly_add_no_mem_embed). */
  private withoutMemory(feats: FrameFeatures): Float32Array {
    const out = feats.pixFeat.slice();
    const n = feats.grid * feats.grid;
    for (let c = 0; c < feats.channels; c++) for (let i = 0; i < n; i++) out[c * n + i] += this.constants.noMemEmbed[c];
    return out;
  }
}
