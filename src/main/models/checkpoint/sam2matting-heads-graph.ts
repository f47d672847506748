/**
 * The SAM2Matting heads as one ONNX graph (sam2/modeling/sam2matting_base.py: _detect_unknown_region
 * and _forward_alpha_heads), fed what SAM 2.1's image encoder and tracker give for a frame:
 *
 *   backbone_fpn_0 [B,32,4g,4g], backbone_fpn_1 [B,64,2g,2g], backbone_fpn_2 [B,256,g,g]   (g: 64 at 1024²)
 *   image [B,3,16g,16g] (the frame as the encoder saw it), mask [B,1,4g,4g] (low-res mask logits > 0)
 *   → unknown_region_logits [B,1,4g,4g], trimap [B,1,4g,4g] (0.5 in the ROI, else the mask), alpha [B,1,8g,8g]
 *
 * Every resize takes its target size from another tensor's shape when the graph runs, so one graph
 * serves any g.
 */
import { FLOAT, OnnxWriter } from '../onnx-writer';
import type { FoldedConv, HeadModule, Sam2MattingHeads } from './sam2matting-heads';

/** sigmoid(logits) above this is the region of unknown alpha (the paper's hard cut). */
const ROI_THRESHOLD = 0.65;

export function buildSam2MattingHeadsGraph(heads: Sam2MattingHeads): Uint8Array {
  const g = new OnnxWriter('sam2matting_heads');
  const levels = [
    g.input('backbone_fpn_0', ['batch', 32, 'height_0', 'width_0']),
    g.input('backbone_fpn_1', ['batch', 64, 'height_1', 'width_1']),
    g.input('backbone_fpn_2', ['batch', 256, 'height_2', 'width_2']),
  ];
  const image = g.input('image', ['batch', 3, 'image_height', 'image_width']);
  const mask = g.input('mask', ['batch', 1, 'height_0', 'width_0']);
  const scalar = (name: string, value: number) => g.constant(name, [], Float32Array.of(value));
  const concat = (...parts: string[]) => g.node('Concat', parts, { axis: 1 });
  /**
   * F.interpolate(x, size=like.shape[2:], mode="bilinear", align_corners=False), antialias off as there:
   * half_pixel both ways. (torch.onnx writes pytorch_half_pixel, which differs only for an output of
   * length 1, where eager PyTorch, which the checkpoints were trained with, uses half_pixel too.)
   */
  const resize = (x: string, like: string) => {
    const sizes = g.node('Concat', [g.node('Shape', [x], { end: 2 }), g.node('Shape', [like], { start: 2 })], { axis: 0 }, 'resize_sizes');
    return g.node('Resize', [x, '', '', sizes], { mode: 'linear', coordinate_transformation_mode: 'half_pixel' });
  };
  const run = (module: HeadModule, x: string) => heads[module].reduce((y, layer) => convolution(g, layer, y), x);

  // ROI detector: per level [feature, mask, image] at the level's size, then the three fused at level 0's.
  const images = levels.map((level) => resize(image, level));
  const roiModules = ['unknown_region_predictor.scale_64', 'unknown_region_predictor.scale_128', 'unknown_region_predictor.scale_256'] as const;
  const roi = levels.map((level, i) => run(roiModules[i], concat(level, resize(mask, level), images[i])));
  const logits = run('unknown_fusion', concat(roi[0], resize(roi[1], roi[0]), resize(roi[2], roi[0])));

  // Pseudo-trimap: 0.5 where the ROI detector is sure enough, the tracker's mask elsewhere.
  const inRoi = g.node('Cast', [g.node('Greater', [g.node('Sigmoid', [logits]), scalar('roi_threshold', ROI_THRESHOLD)])], { to: FLOAT }, 'in_roi');
  const outside = g.node('Mul', [g.node('Sub', [scalar('one', 1), inRoi]), mask]);
  const trimap = g.node('Add', [g.node('Mul', [inRoi, scalar('unknown', 0.5)]), outside], {}, 'pseudo_trimap');

  // Progressive alpha, coarse to fine: level 2 → 1 → 0, each stage doubling the size and feeding the next.
  const stage = (module: HeadModule, predictor: HeadModule, level: number, previous: string[]) => {
    const levelTrimap = level === 0 ? trimap : resize(trimap, levels[level]);
    return g.node('Sigmoid', [run(predictor, run(module, concat(levels[level], levelTrimap, images[level], ...previous)))], {}, predictor);
  };
  const alpha1 = stage('unknown_alpha_predictor.scale_64', 'alpha_pred1', 2, []);
  const alpha2 = stage('unknown_alpha_predictor.scale_128', 'alpha_pred2', 1, [alpha1]);
  const alpha3 = stage('unknown_alpha_predictor.scale_256', 'alpha_pred3', 0, [alpha2]);

  g.output('unknown_region_logits', logits, ['batch', 1, 'height_0', 'width_0']);
  g.output('trimap', trimap, ['batch', 1, 'height_0', 'width_0']);
  g.output('alpha', alpha3, ['batch', 1, 'alpha_height', 'alpha_width']);
  return g.toBytes('sam2matting-studio sam2matting-heads');
}

/** A convolution (3×3 pad 1, 1×1, or transposed 4×4 stride 2 pad 1) with its folded BatchNorm, then ReLU where it had one. */
function convolution(g: OnnxWriter, layer: FoldedConv, x: string): string {
  const { name, kernel, transposed, weight, bias } = layer;
  const weights = g.constant(`${name}.weight`, weight.dims, weight.data);
  const biases = g.constant(`${name}.bias`, [bias.length], bias);
  const pad = transposed ? 1 : (kernel - 1) / 2;
  const attributes = { kernel_shape: [kernel, kernel], pads: [pad, pad, pad, pad], ...(transposed ? { strides: [2, 2] } : {}) };
  const y = g.node(transposed ? 'ConvTranspose' : 'Conv', [x, weights, biases], attributes, name);
  return layer.relu ? g.node('Relu', [y]) : y;
}
