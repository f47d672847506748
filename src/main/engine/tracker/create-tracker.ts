/**
 * Picks the tracker for a clip: SAM 2.1 from the smallest complete model in the models folder that
 * loads, else the classic tracker with a short reason an editor can act on.
 */
import type { FrameSource, Tracker } from '../../../shared/engine';
import type { ModelManifest } from '../../../shared/models';
import { loadManifest, modelDir, resolveModelsDir } from '../../models/manifest';
import { ClassicTracker } from './classic/classic-tracker';
import { missingFiles, openSam2Tracker, withConstantsModule, type Sam2TrackerOptions } from './sam2/open-sam2-tracker';

export interface CreatedTracker {
  tracker: Tracker;
  name: string;
  /** Why the learnt tracker is not used; null when it is. */
  fallbackReason: string | null;
  /** Module role → execution provider it runs on; empty for the classic tracker. */
  providers: Record<string, string>;
  /** The manifest model the tracker runs (heads pair with it); null for the classic tracker. */
  modelId: string | null;
}

/** `manifest` defaults to the shipped one; models are tried in manifest order (smallest first). */
export async function createTracker(source: FrameSource, modelsDir?: string, manifest?: ModelManifest, options: Sam2TrackerOptions = {}): Promise<CreatedTracker> {
  const dir = resolveModelsDir(modelsDir);
  let reason: string;
  try {
    const known = manifest ?? (await loadManifest());
    const problems: string[] = [];
    for (const model of known.models.filter((m) => m.family === 'sam2-tracker')) {
      const folder = modelDir(dir, model.id);
      const files = withConstantsModule(model);
      const missing = await missingFiles(files, folder);
      // A model that was never installed is not worth a reason of its own; a partly installed one is.
      if (missing.length === Object.keys(files.modules).length) continue;
      if (missing.length > 0) {
        problems.push(`${model.title}: ${missing.join(', ')} missing in ${folder}`);
        continue;
      }
      try {
        const { tracker, providers } = await openSam2Tracker(model, folder, known.executionProviders, source, options);
        return { tracker, name: tracker.name, fallbackReason: null, providers, modelId: model.id };
      } catch (err) {
        problems.push(`${model.title}: ${brief(err)}`);
      }
    }
    reason = problems[0] ?? `no SAM 2.1 model installed in ${dir}`;
  } catch (err) {
    reason = brief(err);
  }
  const tracker = new ClassicTracker(source);
  return { tracker, name: tracker.name, fallbackReason: reason, providers: {}, modelId: null };
}

/** What went wrong and its first detail, on one line. */
function brief(err: unknown): string {
  const lines = (err instanceof Error ? err.message : String(err))
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines.slice(0, 2).join(' ');
}
