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

/** What the app builds from a checkpoint: SAM 2.1's constants graph, or the SAM2Matting heads graph. */
export type ModuleBuild = 'sam2-constants' | 'sam2matting-heads';

/** A module file the app writes itself from a download or an imported file. */
export interface ModuleSource {
  /** URL of the PyTorch checkpoint (.pt) the file is built from. */
  checkpoint: string;
  /** What is built from it; 'sam2-constants' (SAM 2.1's learnt constants) when omitted. */
  build?: ModuleBuild;
  /** The checkpoint's sha256 where it is known: a downloaded checkpoint must have it (an imported one need not). */
  sha256?: string;
}

/**
 * 'sam2-tracker': SAM 2.1's modules; 'matting-head': a head on crops and trimaps (ViTMatte);
 * 'sam2matting-heads': the paper's bridge and head, run on a SAM 2.1 tracker's own features.
 */
export type ModelFamily = 'sam2-tracker' | 'matting-head' | 'sam2matting-heads';

export interface ModelSpec {
  id: string;
  family: ModelFamily;
  title: string;
  licence: string;
  /** Where the licence's text is. */
  licenceUrl?: string;
  /**
   * The licence restricts use (e.g. non-commercial): it is shown and must be accepted before a
   * download starts (downloadModel's acceptedLicence).
   */
  requiresLicenceAcceptance?: boolean;
  /** For 'sam2matting-heads': the SAM 2.1 model (id) whose tracker its checkpoint holds. */
  tracker?: string;
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
  licenceUrl?: string;
  /** The licence must be accepted before a download (see ModelSpec). */
  requiresLicenceAcceptance?: boolean;
  /** Bytes on disk of the files present. */
  sizeBytes?: number;
  /** What downloading it fetches, where the manifest says. */
  download?: DownloadSize;
  /** Every file present has a hash to be checked against. */
  pinned?: boolean;
  modules?: ModuleFileStatus[];
}
