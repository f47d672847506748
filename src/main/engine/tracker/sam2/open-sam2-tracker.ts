/** Builds a Sam2Tracker from a manifest model: its runner, constants, layout and working size. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { FrameSource } from '../../../../shared/engine';
import type { ExecutionProvider, ModelSpec } from '../../../../shared/models';
import { ModelError } from '../../../models/model-error';
import { CONSTANTS_ROLE, constantsModuleSpec, loadConstants } from './constants';
import { InProcessRunner } from './in-process-runner';
import { readSam2Layout } from './model-layout';
import type { ModuleRunner } from './module-runner';
import { Sam2Tracker } from './sam2-tracker';
import { Sam2VideoSession } from './sam2-video-session';
import { WorkerRunner } from './worker-runner';

/** File of the constants graph in a model folder whose manifest entry does not list one. */
export const DEFAULT_CONSTANTS_FILE = 'sam2_constants.onnx';

export interface Sam2TrackerOptions {
  /** Long side of the masks the tracker returns; the source's when smaller. */
  workingSize?: number;
  /** Bound of the image-feature cache (a SAM 2.1 frame holds about 24 MB of features). */
  featureCacheMB?: number;
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
export async function createSam2Tracker(runner: ModuleRunner, model: ModelSpec, source: FrameSource, options: Sam2TrackerOptions = {}): Promise<Sam2Tracker> {
  const layout = readSam2Layout(model);
  const constants = await loadConstants(runner);
  const longSide = Math.max(source.width, source.height);
  const scale = Math.min(longSide, options.workingSize ?? 1024) / longSide;
  const session = new Sam2VideoSession(runner, constants, source, {
    ...layout,
    outputWidth: Math.max(1, Math.round(source.width * scale)),
    outputHeight: Math.max(1, Math.round(source.height * scale)),
    featureCacheMB: options.featureCacheMB ?? 1024,
  });
  return new Sam2Tracker(model.title, session, source, runner);
}

/** Opens every module of `model` from `dir` (in a worker unless options.thread is 'main') and builds the tracker. */
export async function openSam2Tracker(
  model: ModelSpec,
  dir: string,
  providers: readonly ExecutionProvider[],
  source: FrameSource,
  options: Sam2TrackerOptions = {},
): Promise<{ tracker: Sam2Tracker; providers: Record<string, string> }> {
  const full = withConstantsModule(model);
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

/** Module files of `model` that are not in `dir`. */
export async function missingFiles(model: ModelSpec, dir: string): Promise<string[]> {
  const missing: string[] = [];
  for (const spec of Object.values(model.modules)) {
    const found = await stat(join(dir, spec.file)).then((s) => s.isFile(), () => false);
    if (!found) missing.push(spec.file);
  }
  return missing;
}

/** Fails fast, before any session or worker starts, when a module file is not in the folder. */
async function requireFiles(model: ModelSpec, dir: string): Promise<void> {
  const missing = await missingFiles(model, dir);
  if (missing.length > 0) throw new ModelError('missing', `Model ${model.id}: ${missing.join(', ')} not found in ${dir}`);
}
