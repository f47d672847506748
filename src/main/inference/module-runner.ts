/**
 * How the engine runs a model's ONNX modules (SAM 2.1's, the paper's heads, an ONNX matting head): by role
 * (image_encoder, mask_decoder, ...) and tensor role (image, vision_features, ...), never by a particular
 * export's graph names. Whether the
 * modules run in this thread or a worker, and on which execution provider, is the runner's business.
 */
import type { TensorType } from '../../shared/models';

export type TensorData = Float32Array | Int32Array | BigInt64Array | Uint8Array;

export interface HostTensor {
  type: TensorType;
  dims: number[];
  data: TensorData;
}

/** Tensors keyed by their role in the manifest. */
export type TensorMap = Record<string, HostTensor>;

export interface ModuleRunner {
  /** Module role → the execution provider it runs on ('cpu', 'cuda', ...). */
  readonly providers: Record<string, string>;
  /** Runs one module; rejects with an AbortError when the signal aborts first. */
  run(module: string, inputs: TensorMap, signal?: AbortSignal): Promise<TensorMap>;
  close(): Promise<void>;
}
