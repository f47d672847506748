/** Each model's state from its files: present, and every module loading and matching the manifest (opened through src/main/inference). */
import { join } from 'node:path';
import type { ModelManifest, ModelSpec, ModelStatus } from '../../shared/models';
import { checkModuleLoads, errorMessage } from '../inference/sessions';
import { modelDir } from './manifest';
import { isFile, resolveVariants } from './variants';

/** Each model's state from its files; opens one session at a time and releases it at once. */
export async function checkModels(manifest: ModelManifest, modelsDir: string): Promise<ModelStatus[]> {
  const statuses: ModelStatus[] = [];
  for (const model of manifest.models) statuses.push(await checkModel(model, modelDir(modelsDir, model.id)));
  return statuses;
}

export async function checkModel(manifestModel: ModelSpec, dir: string): Promise<ModelStatus> {
  const model = await resolveVariants(manifestModel, dir);
  const status = (state: ModelStatus['state'], reason: string | null): ModelStatus => ({
    id: model.id,
    title: model.title,
    family: model.family,
    state,
    reason,
  });
  const modules = Object.entries(model.modules);
  const missing: string[] = [];
  for (const [role, spec] of modules) if (!(await isFile(join(dir, spec.file)))) missing.push(`${spec.file} (${role})`);
  // Nothing there is the usual case (not downloaded): the file names matter once some are there.
  if (missing.length === modules.length)
    return status('missing', modules.length === 1 ? `Not downloaded: its file is not in ${dir}` : `Not downloaded: none of its ${modules.length} files is in ${dir}`);
  if (missing.length > 0) {
    return status('missing', `${missing.length} of ${modules.length} files missing in ${dir}: ${missing.join(', ')}`);
  }
  const problems: string[] = [];
  for (const [role, spec] of modules) {
    try {
      await checkModuleLoads(spec, dir, { modelId: model.id, module: role });
    } catch (err) {
      problems.push(errorMessage(err));
    }
  }
  return problems.length > 0 ? status('invalid', problems.join('\n')) : status('installed', null);
}
