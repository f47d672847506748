/**
 * Writes the SAM 2.1 constants graph (role "constants", sam2_constants.onnx) from an official PyTorch
 * checkpoint, for people who already have one; the app does the same when it downloads or imports a model.
 * Usage: npm run sam2:constants -- sam2.1_hiera_tiny.pt path/to/models/sam2.1-hiera-tiny/sam2_constants.onnx
 */
import { resolve } from 'node:path';
import { convertCheckpoint } from '../src/main/models/checkpoint/convert';

const [input, output] = process.argv.slice(2);
if (!input || !output) {
  console.error('Usage: npm run sam2:constants -- <sam2.1_hiera_SIZE.pt> <out.onnx>');
  process.exit(2);
}
try {
  const { bytes } = await convertCheckpoint(resolve(input), resolve(output));
  console.log(`Wrote ${resolve(output)} (${bytes} bytes) from ${resolve(input)}`);
} catch (err) {
  console.error((err as Error).message);
  process.exit(1);
}
