/** Importing a model's files from a local file or folder: staged, checked, then renamed into place. */
import { copyFile, mkdir, mkdtemp, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ModelSpec, ModuleSpec } from '../../shared/models';
import { verifyModuleFile, type FileDigest } from './integrity';
import { ModelError } from './model-error';
import { pinKey, type Pins } from './pins';
import { checkModuleLoads, errorMessage } from './sessions';

export interface ImportItem {
  role: string;
  spec: ModuleSpec;
  /** The file to copy. */
  from: string;
}

/** Which module files `source` holds: a folder's files by their manifest names; a file by name, or as a one-module model's only file. */
export async function planImport(model: ModelSpec, source: string): Promise<ImportItem[]> {
  const found = await stat(source).catch(() => null);
  if (!found) throw new ModelError('missing', `Cannot import from ${source}: no such file or folder.`);
  const modules = Object.entries(model.modules);
  const expected = modules.map(([, spec]) => spec.file).join(', ');
  if (found.isDirectory()) {
    const items: ImportItem[] = [];
    for (const [role, spec] of modules) {
      const from = join(source, spec.file);
      if ((await stat(from).catch(() => null))?.isFile()) items.push({ role, spec, from });
    }
    if (items.length === 0) throw new ModelError('missing', `${source} holds none of the files of ${model.title} (expected ${expected}).`);
    return items;
  }
  const byName = modules.find(([, spec]) => spec.file === basename(source));
  const only = modules.length === 1 ? modules[0] : undefined;
  const match = byName ?? only;
  if (!match) throw new ModelError('missing', `${basename(source)} is not a file of ${model.title}: its files are ${expected}. Import the folder that holds them, or a file of one of these names.`);
  return [{ role: match[0], spec: match[1], from: source }];
}

/**
 * Copies the files into a staging folder inside the models folder (same disk, so the final rename is
 * atomic), checks every one (graph loads, tensors match, hash matches a pin), and only if all pass
 * renames them into the model's folder. On any failure nothing in the model's folder has changed.
 */
export async function importFiles(
  model: ModelSpec,
  items: ImportItem[],
  modelsDir: string,
  targetDir: string,
  pins: Pins,
): Promise<Map<string, FileDigest>> {
  await mkdir(modelsDir, { recursive: true });
  const staging = await mkdtemp(join(modelsDir, `.import-${model.id}-`));
  try {
    const digests = new Map<string, FileDigest>();
    const problems: string[] = [];
    for (const item of items) {
      const staged = join(staging, item.spec.file);
      const label = `${item.spec.file} (${item.role}) from ${item.from}`;
      try {
        await copyFile(item.from, staged);
        await checkModuleLoads(item.spec, staging, { modelId: model.id, module: item.role });
        digests.set(item.spec.file, await verifyModuleFile(staged, label, item.spec, pins[pinKey(model.id, item.spec.file)]));
      } catch (err) {
        // Name the user's file, not the staging copy.
        problems.push(`${label}: ${errorMessage(err).replaceAll(staged, resolve(item.from))}`);
      }
    }
    if (problems.length > 0) {
      throw new ModelError('unloadable', `Cannot import ${model.title}; nothing was changed:\n${problems.join('\n')}`);
    }
    await mkdir(targetDir, { recursive: true });
    for (const item of items) await rename(join(staging, item.spec.file), join(targetDir, item.spec.file));
    return digests;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
