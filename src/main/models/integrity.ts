/** Checking a module file's bytes against the manifest's sha256 or the hash pinned at its first use. */
import { stat } from 'node:fs/promises';
import type { ModuleSpec } from '../../shared/models';
import { sha256File } from './hash';
import { ModelError } from '../../shared/model-error';
import { expectedSha256, type Pin } from './pins';

export interface FileDigest {
  sha256: string;
  bytes: number;
}

/**
 * Hashes the file and compares it with the manifest's hash, else the pin. Throws ModelError 'mismatch'
 * naming both hashes and where the expected one came from; with neither, returns the digest to pin.
 */
export async function verifyModuleFile(path: string, label: string, spec: ModuleSpec, pin: Pin | undefined): Promise<FileDigest> {
  const [sha256, { size: bytes }] = await Promise.all([sha256File(path), stat(path)]);
  const expected = expectedSha256(spec, pin);
  if (expected !== null && sha256 !== expected) {
    const origin = spec.sha256 ? 'the manifest gives' : `it was pinned on ${pin!.pinnedAt} from ${pin!.source} as`;
    throw new ModelError(
      'mismatch',
      `${label}: the file changed since it was checked: its sha256 is ${sha256}, but ${origin} ${expected}. Remove the model and download or import it again.`,
    );
  }
  return { sha256, bytes };
}
