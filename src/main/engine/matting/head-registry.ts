/**
 * Every matting head the app offers: the built-in ones (no weights) and each 'matting-head' model of
 * the manifest, available once its files are installed and match. Heads are chosen by id.
 */
import type { HeadInfo } from '../../../shared/engine-info';
import { StudioError } from '../../../shared/errors';
import type { MattingHead } from '../../../shared/engine';
import type { ModelManifest, ModelSpec, ModelStatus } from '../../../shared/models';
import type { ModuleRunner } from '../../inference/module-runner';
import { loadManifest, resolveModelsDir } from '../../models/manifest';
import { checkModels } from '../../models/check-models';
import { ClosedFormHead } from './closed-form-head';
import { GuidedFilterHead } from './guided-filter-head';
import { OnnxMattingHead } from './onnx-head';
import { PAPER_HEAD_ID, PAPER_HEAD_TITLE } from './sam2matting/paper-head';

interface BuiltInHead {
  id: string;
  title: string;
  create(): MattingHead;
}

/**
 * The guided filter is fast at both qualities (about 0.2 s per 640×360 image for 'final'); the
 * closed-form head shares its preview and solves the matting Laplacian for 'final' (about 3x slower;
 * SAD 5.73 against 6.24 on synthetic-matting's trimaps). Both stay: one for interactive work, one for
 * the export that has to be right.
 */
export const BUILT_IN_HEADS: readonly BuiltInHead[] = [
  { id: 'guided-filter', title: 'Guided filter (built-in, fast)', create: () => new GuidedFilterHead() },
  { id: 'closed-form', title: 'Closed-form matting (built-in, exact final)', create: () => new ClosedFormHead() },
];

/** Heads from the models' states (as checkModels gives them), built-in first. */
export function headInfos(manifest: ModelManifest, models: ModelStatus[]): HeadInfo[] {
  const onnx = manifest.models
    .filter((m) => m.family === 'matting-head')
    .map((m): HeadInfo => {
      const status = models.find((s) => s.id === m.id);
      const available = status?.state === 'installed';
      return { id: m.id, title: m.title, available, reason: available ? null : `${m.title} is not usable: ${status?.reason ?? 'not checked'}` };
    });
  return [...BUILT_IN_HEADS.map(({ id, title }) => ({ id, title, available: true, reason: null })), ...onnx];
}

/** The heads of the manifest at `manifestPath` (the shipped one when omitted), checked in `modelsDir` (scripts, tests). */
export async function listHeads(modelsDir?: string, manifestPath?: string): Promise<HeadInfo[]> {
  const manifest = await loadManifest(manifestPath);
  const heads = manifest.models.filter((m) => m.family === 'matting-head');
  return headInfos(manifest, await checkModels({ ...manifest, models: heads }, resolveModelsDir(modelsDir)));
}

/** No head has the id asked for. */
export class UnknownHeadError extends StudioError {
  constructor(message: string) {
    super('bad-request', message);
    this.name = 'UnknownHeadError';
  }
}

/** Where ONNX heads come from in the app and the CLI: the model manager (ModelService.headModels). */
export interface HeadModels {
  /** The manifest the model manager was configured with: a head is looked up there, never in the shipped one. */
  manifest(): Promise<ModelManifest>;
  /** Opens the model's matting module (pins checked, in a worker, providers with reasons). */
  openRunner(model: ModelSpec): Promise<ModuleRunner>;
}

/**
 * The head with this id, its model from `models` (without them, scripts and tests: the shipped manifest, the
 * module in this process from `modelsDir`); a clear error for an unknown id or a missing or mismatched model.
 */
export async function createHead(id: string, modelsDir?: string, models?: HeadModels): Promise<MattingHead> {
  const builtIn = BUILT_IN_HEADS.find((h) => h.id === id);
  if (builtIn) return builtIn.create();
  if (id === PAPER_HEAD_ID) {
    throw new UnknownHeadError(
      `${PAPER_HEAD_TITLE} mattes tracked clips from the SAM 2.1 tracker's own features, not a crop and a trimap: use it in the editor or with sam2matting render --head ${PAPER_HEAD_ID}.`,
    );
  }
  const manifest = await (models ? models.manifest() : loadManifest());
  const model = manifest.models.find((m) => m.family === 'matting-head' && m.id === id);
  if (!model) {
    const known = [...BUILT_IN_HEADS.map((h) => h.id), ...manifest.models.filter((m) => m.family === 'matting-head').map((m) => m.id)];
    throw new UnknownHeadError(`Unknown matting head "${id}"; known: ${known.join(', ')}.`);
  }
  if (models) return OnnxMattingHead.on(model, await models.openRunner(model));
  return OnnxMattingHead.open(model, resolveModelsDir(modelsDir), manifest.executionProviders);
}
