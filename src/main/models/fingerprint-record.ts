/**
 * The tracker fingerprint of the checkpoint a model's derived file was built from, kept beside the model
 * (the checkpoint itself is not kept): SAM 2.1's from its constants' checkpoint, SAM2Matting's from the
 * heads' checkpoint. The pairing check compares the two; the record names the file it belongs to and
 * that file's sha256, so a file replaced since makes the record stale rather than wrong.
 */
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../fs/atomic-write';
import { ModelError } from '../../shared/model-error';

export const FINGERPRINT_FILE = 'tracker-fingerprint.json';
const VERSION = 1;

export interface FingerprintRecord {
  /** trackerFingerprint of the checkpoint (hex sha256). */
  fingerprint: string;
  /** The checkpoint's file name (a download's URL name, an import's own). */
  checkpoint: string;
  /** The module file built from it, and that file's sha256 when it was built. */
  file: string;
  fileSha256: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

export async function writeFingerprintRecord(dir: string, record: FingerprintRecord): Promise<void> {
  await writeFileAtomic(join(dir, FINGERPRINT_FILE), `${JSON.stringify({ version: VERSION, ...record, recordedAt: new Date().toISOString() }, null, 2)}\n`, { backup: false });
}

export async function removeFingerprintRecord(dir: string): Promise<void> {
  await rm(join(dir, FINGERPRINT_FILE), { force: true });
}

/** The model's record; null when it has none (installed without its checkpoint, or before records were kept). */
export async function readFingerprintRecord(dir: string): Promise<FingerprintRecord | null> {
  const path = join(dir, FINGERPRINT_FILE);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new ModelError('pins', `Cannot read ${path}: ${(err as Error).message}`);
  }
  let json: Partial<FingerprintRecord> & { version?: unknown };
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelError('pins', `${path} is damaged (${(err as Error).message}); import the model's checkpoint again to rewrite it.`);
  }
  const valid =
    json?.version === VERSION &&
    typeof json.fingerprint === 'string' &&
    HEX64.test(json.fingerprint) &&
    typeof json.checkpoint === 'string' &&
    typeof json.file === 'string' &&
    typeof json.fileSha256 === 'string' &&
    HEX64.test(json.fileSha256);
  if (!valid) throw new ModelError('pins', `${path} is damaged (not a version ${VERSION} fingerprint record); import the model's checkpoint again to rewrite it.`);
  return { fingerprint: json.fingerprint!, checkpoint: json.checkpoint!, file: json.file!, fileSha256: json.fileSha256! };
}
