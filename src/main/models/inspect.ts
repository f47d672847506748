/** A model's state in the models folder: files present, graphs that load and match, hashes that hold. */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelSpec, ModelStatus, ModuleFileStatus } from '../../shared/models';
import { verifyModuleFile } from './integrity';
import { expectedSha256, pinKey, type Pins, type PinStore } from './pins';
import { errorMessage } from '../inference/sessions';
import { checkModel } from './check-models';

export interface FileStat {
  role: string;
  file: string;
  sizeBytes: number | null;
  mtimeMs: number | null;
}

export async function statModules(model: ModelSpec, dir: string): Promise<FileStat[]> {
  return Promise.all(
    Object.entries(model.modules).map(async ([role, spec]) => {
      const found = await stat(join(dir, spec.file)).catch(() => null);
      const present = found?.isFile() ? found : null;
      return { role, file: spec.file, sizeBytes: present?.size ?? null, mtimeMs: present?.mtimeMs ?? null };
    }),
  );
}

/** Changes whenever a file appears, goes, or is rewritten: a status computed for one signature stays true for it. */
export function filesSignature(files: FileStat[]): string {
  return files.map((f) => `${f.file}:${f.sizeBytes}:${f.mtimeMs}`).join('|');
}

/**
 * Checks the model's files (present, loadable, tensors as the manifest says) and their hashes
 * against the manifest or their pins; a valid file with neither is pinned now (first use).
 */
export async function inspectModel(model: ModelSpec, dir: string, files: FileStat[], pinStore: PinStore): Promise<ModelStatus> {
  const pins: Pins = await pinStore.read();
  const checked = await checkModel(model, dir);
  const problems: string[] = checked.reason && checked.state === 'invalid' ? [checked.reason] : [];
  if (checked.state !== 'missing') {
    for (const [role, spec] of Object.entries(model.modules)) {
      const key = pinKey(model.id, spec.file);
      try {
        const digest = await verifyModuleFile(join(dir, spec.file), `Model ${model.id}, module ${role} (${spec.file})`, spec, pins[key]);
        if (checked.state === 'installed' && expectedSha256(spec, pins[key]) === null) {
          pins[key] = { ...digest, pinnedAt: new Date().toISOString(), source: `found in ${dir}` };
          await pinStore.pin(model.id, spec.file, pins[key]);
        }
      } catch (err) {
        problems.push(errorMessage(err));
      }
    }
  }
  const modules: ModuleFileStatus[] = files.map((f) => ({
    role: f.role,
    file: f.file,
    sizeBytes: f.sizeBytes,
    sha256: expectedSha256(model.modules[f.role], pins[pinKey(model.id, f.file)]),
  }));
  const present = modules.filter((m) => m.sizeBytes !== null);
  return {
    ...checked,
    ...(checked.state === 'missing' ? {} : { state: problems.length ? 'invalid' : 'installed', reason: problems.join('\n') || null }),
    licence: model.licence,
    ...(model.licenceUrl ? { licenceUrl: model.licenceUrl } : {}),
    ...(model.requiresLicenceAcceptance ? { requiresLicenceAcceptance: true } : {}),
    sizeBytes: present.reduce((sum, m) => sum + (m.sizeBytes ?? 0), 0),
    pinned: present.length > 0 && present.every((m) => m.sha256 !== null),
    modules,
  };
}
