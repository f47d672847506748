/**
 * Importing a model's files from a local file or folder: staged (copied, or converted from a
 * checkpoint), checked, then renamed into place.
 */
import { copyFile, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { ModelSpec, ModuleSpec } from '../../shared/models';
import { convertCheckpoint } from './checkpoint/convert';
import { removeFingerprintRecord, writeFingerprintRecord, type FingerprintRecord } from './fingerprint-record';
import { verifyModuleFile, type FileDigest } from './integrity';
import { ModelError } from '../../shared/model-error';
import { pinKey, type Pins } from './pins';
import { checkModuleLoads, errorMessage } from '../inference/sessions';
import { moduleChoices, presentChoice } from './variants';

export interface ImportItem {
  role: string;
  spec: ModuleSpec;
  /** The file to copy, or the checkpoint to convert. */
  from: string;
  /** `from` is the PyTorch checkpoint the module is derived from (ModuleSpec.source). */
  convert?: boolean;
}

const CHECKPOINT = /\.pth?$/i;

const isFile = async (path: string) => (await stat(path).catch(() => null))?.isFile() ?? false;

/** The checkpoint of that name (as named in its URL, escapes undone) in the folder, else the folder's only checkpoint (e.g. a renamed copy). */
async function checkpointIn(folder: string, name: string): Promise<string | null> {
  for (const candidate of new Set([name, decodeURIComponent(name)])) if (await isFile(join(folder, candidate))) return join(folder, candidate);
  const checkpoints = (await readdir(folder)).filter((f) => CHECKPOINT.test(f));
  return checkpoints.length === 1 ? join(folder, checkpoints[0]) : null;
}

/**
 * Which module files `source` holds: a folder's files by their manifest names (a derived module's also
 * by its checkpoint's name); a file by name, as a one-module model's only file, or a .pt checkpoint
 * for the module derived from one.
 */
export async function planImport(model: ModelSpec, source: string): Promise<ImportItem[]> {
  const found = await stat(source).catch(() => null);
  if (!found) throw new ModelError('missing', `Cannot import from ${source}: no such file or folder.`);
  const modules = Object.entries(model.modules);
  const expected = modules
    .map(([, spec]) =>
      moduleChoices(spec)
        .map((c) => c.file)
        .join(' or '),
    )
    .join(', ');
  if (found.isDirectory()) {
    const items: ImportItem[] = [];
    for (const [role, spec] of modules) {
      const present = await presentChoice(spec, source);
      const checkpoint = spec.source && (await checkpointIn(source, basename(new URL(spec.source.checkpoint).pathname)));
      if (present) items.push({ role, spec: present, from: join(source, present.file) });
      else if (checkpoint) items.push({ role, spec: moduleChoices(spec)[0], from: checkpoint, convert: true });
    }
    if (items.length === 0) throw new ModelError('missing', `${source} holds none of the files of ${model.title} (expected ${expected}).`);
    return items;
  }
  const byName = modules.flatMap(([role, spec]) => moduleChoices(spec).map((choice): [string, ModuleSpec] => [role, choice])).find(([, spec]) => spec.file === basename(source));
  const derived = modules.filter(([, spec]) => spec.source);
  if (!byName && CHECKPOINT.test(source) && derived.length === 1) return [{ role: derived[0][0], spec: derived[0][1], from: source, convert: true }];
  const only = modules.length === 1 ? modules[0] : undefined;
  const match = byName ?? only;
  if (!match)
    throw new ModelError(
      'missing',
      `${basename(source)} is not a file of ${model.title}: its files are ${expected}. Import the folder that holds them, or a file of one of these names.`,
    );
  return [{ role: match[0], spec: match[1], from: source }];
}

/**
 * Copies the files into a staging folder inside the models folder (same disk, so the final rename is
 * atomic), checks every one (graph loads, tensors match, hash matches a pin), and only if all pass
 * renames them into the model's folder. On any failure nothing in the model's folder has changed.
 * A converted checkpoint's tracker fingerprint is recorded beside the files (fingerprint-record.ts).
 */
export async function importFiles(model: ModelSpec, items: ImportItem[], modelsDir: string, targetDir: string, pins: Pins): Promise<Map<string, FileDigest>> {
  await mkdir(modelsDir, { recursive: true });
  const staging = await mkdtemp(join(modelsDir, `.import-${model.id}-`));
  try {
    const digests = new Map<string, FileDigest>();
    const problems: string[] = [];
    let record: FingerprintRecord | null = null;
    for (const item of items) {
      const staged = join(staging, item.spec.file);
      const label = `${item.spec.file} (${item.role}) from ${item.from}`;
      try {
        const converted = item.convert ? await convertCheckpoint(item.from, staged, item.spec.source?.build) : null;
        if (!converted) await copyFile(item.from, staged);
        await checkModuleLoads(item.spec, staging, { modelId: model.id, module: item.role });
        const digest = await verifyModuleFile(staged, label, item.spec, pins[pinKey(model.id, item.spec.file)]);
        digests.set(item.spec.file, digest);
        if (converted?.trackerFingerprint) {
          record = { fingerprint: converted.trackerFingerprint, checkpoint: basename(item.from), file: item.spec.file, fileSha256: digest.sha256 };
        }
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
    // A file converted anew without a fingerprint leaves no record of the one it replaced.
    if (record) await writeFingerprintRecord(targetDir, record);
    else if (items.some((i) => i.convert)) await removeFingerprintRecord(targetDir);
    return digests;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
