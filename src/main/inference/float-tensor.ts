/** A float32 host tensor, the shape of nearly every SAM2 module input. */
import type { HostTensor } from './module-runner';

export function floatTensor(dims: number[], data: Float32Array): HostTensor {
  return { type: 'float32', dims, data };
}
