/** One error type for everything that can be wrong with models, so callers can sort by kind. */
import { StudioError } from './errors';

/** Every kind, listed at run time too: a kind that crosses the inference worker's boundary is checked against it. */
export const MODEL_ERROR_KINDS = [
  /** manifest.json cannot be found, read or understood */
  'manifest',
  /** a module's file is not in the models folder */
  'missing',
  /** the file is there but no execution provider can load it (corrupt, truncated, not ONNX) */
  'unloadable',
  /** the graph loads but its tensors differ from what the manifest promises, or its sha256 differs */
  'mismatch',
  /** the models folder's pins file (hashes pinned on first use) cannot be read or written */
  'pins',
  /** the installed files cannot do what was asked (e.g. mask prompts with a prompt encoder that takes none) */
  'unsupported',
  /** a licence that restricts use was not accepted before a download */
  'licence',
  /** models that must run together do not belong together (SAM2Matting heads trained on another tracker) */
  'pairing',
] as const;

export type ModelErrorKind = (typeof MODEL_ERROR_KINDS)[number];

/** Its code says missing (a download or import helps) or invalid; the kind travels in its details. */
export class ModelError extends StudioError {
  constructor(
    readonly kind: ModelErrorKind,
    message: string,
  ) {
    super(kind === 'missing' ? 'model-missing' : 'model-invalid', message, { kind });
    this.name = 'ModelError';
  }
}
