/**
 * Downloading the missing files of a model one after another, pinning each as it completes; a file
 * derived from a checkpoint (ModuleSpec.source) is made from the checkpoint, which is not kept.
 */
import { rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ModelSpec, ModuleSource, ModuleSpec } from '../../shared/models';
import { deriveFromCheckpoint } from './checkpoint/derive';
import { downloadFile, fetchSize } from './download';
import { writeFingerprintRecord } from './fingerprint-record';
import { sha256File } from './hash';
import { ModelError } from '../../shared/model-error';
import { expectedSha256, pinKey, type PinStore } from './pins';
import { ByteProgress } from './progress';

export interface ModelDownload {
  model: ModelSpec;
  /** The model's folder. */
  dir: string;
  /** The module files to fetch. */
  files: ModuleSpec[];
  pins: PinStore;
  signal: AbortSignal;
  /** Bytes over all the files, thinned to about a thousand reports. */
  onProgress: (done: number, total: number) => void;
}

/**
 * Each file is checked against the manifest's hash or an earlier pin, else pinned now (first use); a
 * cut or a cancel keeps the file's part, so the next download resumes it.
 */
export async function downloadModelFiles({ model, dir, files, pins, signal, onProgress }: ModelDownload): Promise<void> {
  const pinned = await pins.read();
  // Sizes first, so the progress has its total from the start.
  const progress = new ByteProgress(await Promise.all(files.map((spec) => fetchSize(spec.url, signal))), onProgress);
  for (const [index, spec] of files.entries()) {
    const target = join(dir, spec.file);
    const expected = expectedSha256(spec, pinned[pinKey(model.id, spec.file)]);
    const onFileProgress = (received: number, total: number | null) => progress.update(index, received, total);
    const result = spec.source
      ? await downloadDerived(spec.source, target, expected, signal, onFileProgress)
      : await downloadFile({ url: spec.url, target, expectedSha256: expected, signal, onProgress: onFileProgress });
    await pins.pin(model.id, spec.file, { sha256: result.sha256, bytes: result.bytes, pinnedAt: new Date().toISOString(), source: spec.url });
    if ('trackerFingerprint' in result && result.trackerFingerprint) {
      const checkpoint = decodeURIComponent(basename(new URL(spec.url).pathname));
      await writeFingerprintRecord(dir, { fingerprint: result.trackerFingerprint, checkpoint, file: spec.file, fileSha256: result.sha256 });
    }
  }
}

/**
 * A file made from a checkpoint: the checkpoint downloads beside it like any file (resumable, with
 * progress; its part survives a cut), is converted, and is deleted once complete, whether or not it
 * converts. One left complete by a run that stopped before converting is converted without fetching it again.
 */
async function downloadDerived(
  source: ModuleSource,
  target: string,
  expected: string | null,
  signal: AbortSignal,
  onProgress: (received: number, total: number | null) => void,
): Promise<{ sha256: string; bytes: number; trackerFingerprint: string | null }> {
  const { checkpoint: url, sha256: checkpointSha256 = null } = source;
  const checkpoint = `${target}.checkpoint.pt`;
  // downloadFile renames a checkpoint to this name only once it is complete (and, when the manifest
  // knows its hash, verified); one found there is checked again, as it may predate that hash.
  const complete = await stat(checkpoint).catch(() => null);
  if (complete?.isFile()) {
    onProgress(complete.size, complete.size);
    const found = checkpointSha256 && (await sha256File(checkpoint));
    if (found && found !== checkpointSha256) {
      await rm(checkpoint, { force: true });
      throw new ModelError('mismatch', `The checkpoint ${url} left by an earlier download has sha256 ${found}, expected ${checkpointSha256}; it was deleted, download again.`);
    }
  } else await downloadFile({ url, target: checkpoint, expectedSha256: checkpointSha256, signal, onProgress });
  try {
    return await deriveFromCheckpoint(checkpoint, target, expected, url, source.build);
  } finally {
    await rm(checkpoint, { force: true });
  }
}
