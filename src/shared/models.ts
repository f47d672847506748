/** The model manifest (resources/models/manifest.json) and what the app reports about models. */

export type ExecutionProvider = 'cuda' | 'dml' | 'coreml' | 'cpu';

export type TensorType = 'float32' | 'float16' | 'int32' | 'int64' | 'bool' | 'uint8';

/** A tensor a module must have: dims are numbers, or names for free (symbolic) dims. */
export interface TensorSpec {
  /** The name in this export's graph. */
  name: string;
  type: TensorType;
  dims: Array<number | string>;
}

export interface ModuleSpec {
  /** File name inside the model's folder. */
  file: string;
  /** Where its bytes come from: the file itself, or the checkpoint `source` names (then the same URL). */
  url: string;
  /** Set when the file is derived, not downloaded as is: converted from this PyTorch checkpoint. */
  source?: ModuleSource;
  /** Hex sha256 of the file, null until pinned at the first complete download. */
  sha256: string | null;
  /** Role (what the host means) → tensor in this export. */
  inputs: Record<string, TensorSpec>;
  outputs: Record<string, TensorSpec>;
  /** Other files of the same module (other names or tensor layouts), used when this file is absent. */
  variants?: ModuleSpec[];
  /** Set on a variant standing in for the preferred file: that file's name. */
  replaces?: string;
}

/** A module file the app writes itself from a download or an imported file. */
export interface ModuleSource {
  /** URL of a SAM 2.1 PyTorch checkpoint (.pt) whose learnt constants the file holds. */
  checkpoint: string;
}

export interface ModelSpec {
  id: string;
  family: 'sam2-tracker' | 'matting-head';
  title: string;
  licence: string;
  /** Module role (image_encoder, mask_decoder, ...) → its file and tensors. */
  modules: Record<string, ModuleSpec>;
  /** Bytes a download fetches (checkpoints read for derived files included), where known. */
  sizeBytes?: number;
  /** sizeBytes is an estimate (e.g. from the parameter count), not the files' published sizes. */
  sizeApproximate?: boolean;
  /** What is unverified or special about this model, for whoever maintains the manifest. */
  notes?: string[];
}

/** What a download of a model weighs. */
export interface DownloadSize {
  bytes: number;
  approximate: boolean;
}

export interface ModelManifest {
  version: number;
  /** Providers to try, in order; the first that loads wins, each failure is kept as a reason. */
  executionProviders: ExecutionProvider[];
  models: ModelSpec[];
  /** Choices and open questions that apply to the whole manifest. */
  notes?: string[];
}

export type ModelState = 'installed' | 'missing' | 'invalid';

/** One module file of a model as found in the models folder. */
export interface ModuleFileStatus {
  role: string;
  file: string;
  /** Bytes on disk; null when the file is missing. */
  sizeBytes: number | null;
  /** The hash the file is checked against (the manifest's or the one pinned at first use); null until pinned. */
  sha256: string | null;
  /** The execution provider it runs on, once a runner has loaded it. */
  provider?: ExecutionProvider;
  /** Why providers before `provider` did not load it. */
  fallbackReasons?: string[];
}

export interface ModelStatus {
  id: string;
  title: string;
  family: ModelSpec['family'];
  state: ModelState;
  /** Why the model is missing or invalid, in words an editor can act on. */
  reason: string | null;
  licence?: string;
  /** Bytes on disk of the files present. */
  sizeBytes?: number;
  /** What downloading it fetches, where the manifest says. */
  download?: DownloadSize;
  /** Every file present has a hash to be checked against. */
  pinned?: boolean;
  modules?: ModuleFileStatus[];
}
