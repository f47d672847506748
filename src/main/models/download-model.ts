/** Downloading the missing files of a model one after another, pinning each as it completes. */
import { join } from 'node:path';
import type { ModelSpec, ModuleSpec } from '../../shared/models';
import { downloadFile, fetchSize } from './download';
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
    const result = await downloadFile({
      url: spec.url,
      target: join(dir, spec.file),
      expectedSha256: expectedSha256(spec, pinned[pinKey(model.id, spec.file)]),
      signal,
      onProgress: (received, total) => progress.update(index, received, total),
    });
    await pins.pin(model.id, spec.file, { sha256: result.sha256, bytes: result.bytes, pinnedAt: new Date().toISOString(), source: spec.url });
  }
}
