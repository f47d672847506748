/** Turning a downloaded checkpoint into its derived module file: converted, checked, then renamed into place. */
import { rename, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import type { ModuleBuild } from '../../../shared/models';
import { sha256File } from '../hash';
import { ModelError } from '../../../shared/model-error';
import { convertCheckpoint } from './convert';

/**
 * Converts `checkpoint` into `target`, which appears only if its hash equals `expectedSha256` (when
 * given: the manifest's or an earlier pin; the conversion is deterministic). `from` names the
 * checkpoint's origin in errors.
 */
export async function deriveFromCheckpoint(
  checkpoint: string,
  target: string,
  expectedSha256: string | null,
  from: string,
  build?: ModuleBuild,
): Promise<{ sha256: string; bytes: number; trackerFingerprint: string | null }> {
  const converted = `${target}.converted`;
  try {
    let bytes: number;
    let trackerFingerprint: string | null;
    try {
      ({ bytes, trackerFingerprint } = await convertCheckpoint(checkpoint, converted, build));
    } catch (err) {
      throw new ModelError('unloadable', `Cannot make ${basename(target)} from ${from}: ${(err as Error).message}`);
    }
    const sha256 = await sha256File(converted);
    if (expectedSha256 !== null && sha256 !== expectedSha256.toLowerCase()) {
      throw new ModelError('mismatch', `${basename(target)} made from ${from} has sha256 ${sha256}, expected ${expectedSha256.toLowerCase()}`);
    }
    await rename(converted, target);
    return { sha256, bytes, trackerFingerprint };
  } finally {
    await rm(converted, { force: true });
  }
}
