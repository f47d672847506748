/** Finds moved media in a folder by its fingerprint: sizes first (cheap), hashes only for same-size files. */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fingerprintMedia, type MediaFingerprint } from './media-fingerprint';

/** Bounds, so a search started at / or a huge share answers in reasonable time. */
export const SEARCH_LIMITS = { depth: 8, entries: 50_000 };

export interface MediaWanted {
  /** The file name it had, tried first among same-size files. */
  name: string;
  size: number | null;
  /** null for projects that predate fingerprints: then the name and size must match. */
  hash: string | null;
}

async function sizeOf(path: string): Promise<number | null> {
  return stat(path).then(
    (s) => s.size,
    () => null,
  );
}

/** Same-size files, breadth first (near files first), hidden folders skipped. */
async function candidates(folder: string, wanted: MediaWanted, limits: typeof SEARCH_LIMITS): Promise<string[]> {
  const found: string[] = [];
  let level = [folder];
  let visited = 0;
  for (let depth = 0; depth <= limits.depth && level.length && visited < limits.entries; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
      for (const entry of entries) {
        if (++visited > limits.entries) break;
        const path = join(dir, entry.name);
        if (entry.isDirectory() && !entry.name.startsWith('.')) next.push(path);
        else if (entry.isFile() && (wanted.hash !== null || entry.name === wanted.name)) {
          if (wanted.size === null || (await sizeOf(path)) === wanted.size) found.push(path);
        }
      }
    }
    level = next;
  }
  return found.sort((a, b) => Number(basename(b) === wanted.name) - Number(basename(a) === wanted.name));
}

export function matches(fingerprint: MediaFingerprint, wanted: MediaWanted): boolean {
  return (wanted.size === null || fingerprint.size === wanted.size) && (wanted.hash === null || fingerprint.hash === wanted.hash);
}

/** The first file under folder that is the wanted media, or null. */
export async function findMedia(folder: string, wanted: MediaWanted, limits = SEARCH_LIMITS): Promise<string | null> {
  for (const path of await candidates(folder, wanted, limits)) {
    if (wanted.hash === null) return path;
    const fingerprint = await fingerprintMedia(path).catch(() => null);
    if (fingerprint && matches(fingerprint, wanted)) return path;
  }
  return null;
}
