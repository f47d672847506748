/**
 * Test support: a ViTMatte double with the manifest's real tensor names. alpha = 0.25·r + 0.5·t per
 * pixel (r = red in 0..1, t = trimap channel 0 / 0.5 / 1), a 1×1 convolution of the host's
 * pixel_values, so a test can check normalisation, channel order, trimap coding and cropping.
 */
import type { ModuleSpec } from '../../../../shared/models';
import { OnnxGraph } from '../../../models/testing/onnx-graph';

/** What the double answers for an unknown pixel of red value `red` (0..255). */
export const doubleAlphaForUnknown = (red: number): number => 0.25 * (red / 255) + 0.25;

export function vitmatteDouble(module: ModuleSpec): OnnxGraph {
  const g = new OnnxGraph('vitmatte_double');
  const input = g.input(module.inputs.image_trimap);
  // Normalised red n = 2r − 1, so 0.125·n + 0.125 = 0.25·r.
  const weights = g.constant('float32', [1, 4, 1, 1], [0.125, 0, 0, 0.5]);
  const bias = g.constant('float32', [1], [0.125]);
  g.output(module.outputs.alpha, g.op('Conv', [input, weights, bias]));
  return g;
}
