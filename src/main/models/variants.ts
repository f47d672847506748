/**
 * A module's alternative files (ModuleSpec.variants): exports that compute the same thing under other
 * names or tensor layouts. The first one present in a model's folder stands for the module.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelSpec, ModuleSpec } from '../../shared/models';

/** The module's files in order of preference: its own, then each variant (without their own variants). */
export function moduleChoices(spec: ModuleSpec): ModuleSpec[] {
  const { variants = [], ...preferred } = spec;
  return [preferred, ...variants];
}

/** Whether `path` is a regular file; false when it is absent. */
export const isFile = async (path: string) => (await stat(path).catch(() => null))?.isFile() ?? false;

/** The first of the module's files in `dir`; the preferred one when none is there. */
export async function presentChoice(spec: ModuleSpec, dir: string): Promise<ModuleSpec | null> {
  for (const choice of moduleChoices(spec)) if (await isFile(join(dir, choice.file))) return choice;
  return null;
}

/**
 * The model as its folder holds it: each module replaced by its first present file. A variant standing
 * in for the preferred file names that file in `replaces`, so the host can say what to get.
 */
export async function resolveVariants(model: ModelSpec, dir: string): Promise<ModelSpec> {
  const modules: Record<string, ModuleSpec> = {};
  for (const [role, spec] of Object.entries(model.modules)) {
    const [preferred] = moduleChoices(spec);
    const chosen = (await presentChoice(spec, dir)) ?? preferred;
    modules[role] = chosen === preferred ? preferred : { ...chosen, replaces: preferred.file };
  }
  return { ...model, modules };
}
