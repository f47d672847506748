/** Builds a Sam2Tracker from a manifest model: its runner, constants, layout and working size. */
import type { FrameSource } from '../../../../shared/engine';
import type { ExecutionProvider, ModelSpec } from '../../../../shared/models';
import { ModelError } from '../../../../shared/model-error';
import { moduleChoices, presentChoice, resolveVariants } from '../../../models/variants';
import { CONSTANTS_ROLE, constantsModuleSpec, loadConstants } from './constants';
import { InProcessRunner } from '../../../inference/in-process-runner';
import { InteractiveFirst } from '../../../inference/interactive-first';
import { readSam2Layout } from './model-layout';
import type { ModuleRunner } from '../../../inference/module-runner';
import { DEFAULT_TRACKING_RULES, Sam2Tracker, type Sam2TrackingRules } from './sam2-tracker';
import { Sam2VideoSession } from './sam2-video-session';
import { WorkerRunner } from '../../../inference/worker-runner';

/** File of the constants graph in a model folder whose manifest entry does not list one. */
export const DEFAULT_CONSTANTS_FILE = 'sam2_constants.onnx';

export interface Sam2TrackerOptions extends Partial<Sam2TrackingRules> {
  /** Long side of the masks the tracker returns; the source's when smaller. */
  workingSize?: number;
  /** Bound of the image-feature cache (a SAM 2.1 frame holds about 24 MB of features). */
  featureCacheMB?: number;
  /** SAM2's small-hole clean-up of each mask (default on; SAM2 on a CPU install skips it). */
  fillHoles?: boolean;
  /** Precision of stored memory features: bfloat16 as SAM2 stores them (default), or float32. */
  memoryPrecision?: 'bfloat16' | 'float32';
  /** Where the modules run: a worker thread (default: inference never blocks the main process) or this thread. */
  thread?: 'worker' | 'main';
  /** Opens the model's runner instead (the app's model manager: pins checked, providers shown); `model` has its constants module. */
  openRunner?: (model: ModelSpec, dir: string) => Promise<ModuleRunner>;
}

/** The model with a constants module, taking the default file name when the manifest has none. */
export function withConstantsModule(model: ModelSpec): ModelSpec {
  if (model.modules[CONSTANTS_ROLE]) return model;
  const url = model.modules.image_encoder?.url.replace(/[^/]*$/, DEFAULT_CONSTANTS_FILE) ?? DEFAULT_CONSTANTS_FILE;
  return { ...model, modules: { ...model.modules, [CONSTANTS_ROLE]: constantsModuleSpec(DEFAULT_CONSTANTS_FILE, url) } };
}

/** A tracker over an already opened runner (in process or in a worker); closing the tracker closes the runner. */
export async function createSam2Tracker(opened: ModuleRunner, model: ModelSpec, source: FrameSource, options: Sam2TrackerOptions = {}): Promise<Sam2Tracker> {
  const runner = new InteractiveFirst(opened);
  const layout = readSam2Layout(model);
  const constants = await loadConstants(runner);
  const longSide = Math.max(source.width, source.height);
  const scale = Math.min(longSide, options.workingSize ?? 1024) / longSide;
  const session = new Sam2VideoSession(runner, constants, source, {
    ...layout,
    promptEncoder: model.modules.prompt_encoder,
    outputWidth: Math.max(1, Math.round(source.width * scale)),
    outputHeight: Math.max(1, Math.round(source.height * scale)),
    featureCacheMB: options.featureCacheMB ?? 1024,
    fillHoles: options.fillHoles ?? true,
    memoryPrecision: options.memoryPrecision ?? 'bfloat16',
  });
  const rules: Sam2TrackingRules = {
    correctionsAsKeyframes: options.correctionsAsKeyframes ?? DEFAULT_TRACKING_RULES.correctionsAsKeyframes,
    logitCacheMB: options.logitCacheMB ?? DEFAULT_TRACKING_RULES.logitCacheMB,
  };
  return new Sam2Tracker(model.title, session, source, runner, rules);
}

/** Opens every module of `model` from `dir` (in a worker unless options.thread is 'main') and builds the tracker. */
export async function openSam2Tracker(
  model: ModelSpec,
  dir: string,
  providers: readonly ExecutionProvider[],
  source: FrameSource,
  options: Sam2TrackerOptions = {},
): Promise<{ tracker: Sam2Tracker; providers: Record<string, string> }> {
  const full = await resolveVariants(withConstantsModule(model), dir);
  readSam2Layout(full);
  await requireFiles(full, dir);
  const runner = options.openRunner
    ? await options.openRunner(full, dir)
    : options.thread === 'main'
      ? await InProcessRunner.open(full, dir, providers)
      : await WorkerRunner.open({ model: full, dir, providers });
  try {
    return { tracker: await createSam2Tracker(runner, full, source, options), providers: runner.providers };
  } catch (err) {
    await runner.close();
    throw err;
  }
}

/** Modules of `model` none of whose files (its own or a variant) is in `dir`, named by their files. */
export async function missingFiles(model: ModelSpec, dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (const spec of Object.values(model.modules)) {
    if (!(await presentChoice(spec, dir)))
      missing.push(
        moduleChoices(spec)
          .map((c) => c.file)
          .join(' or '),
      );
  }
  return missing;
}

/** Fails fast, before any session or worker starts, when a module file is not in the folder. */
async function requireFiles(model: ModelSpec, dir: string): Promise<void> {
  const missing = await missingFiles(model, dir);
  if (missing.length > 0) throw new ModelError('missing', `Model ${model.id}: ${missing.join(', ')} not found in ${dir}`);
}
