/**
 * Trust on first use: the public export publishes no checksums, so each file's sha256 is pinned in
 * the models folder at its first complete download or import, and every later load is checked against it.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModuleSpec } from '../../shared/models';
import { writeFileAtomic } from '../fs/atomic-write';
import { ModelError } from '../../shared/model-error';

export const PINS_FILE = 'pins.json';
const PINS_VERSION = 1;

export interface Pin {
  sha256: string;
  bytes: number;
  /** ISO time of the first complete download or import. */
  pinnedAt: string;
  /** Where the bytes came from: the URL, or the imported path. */
  source: string;
}

/** Pins by `modelId/file`. */
export type Pins = Record<string, Pin>;

export function pinKey(modelId: string, file: string): string {
  return `${modelId}/${file}`;
}

/** The hash a file must have: the manifest's when it publishes one, else the pinned one, else none yet. */
export function expectedSha256(spec: ModuleSpec, pin: Pin | undefined): string | null {
  return spec.sha256 ?? pin?.sha256 ?? null;
}

/** Reads and updates the pins file; updates run one after another, so concurrent downloads keep every pin. */
export class PinStore {
  readonly path: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(modelsDir: string) {
    this.path = join(modelsDir, PINS_FILE);
  }

  async read(): Promise<Pins> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new ModelError('pins', `Cannot read the pins file ${this.path}: ${(err as Error).message}`);
    }
    return parsePins(text, this.path);
  }

  /** Pins one file; a file pinned before keeps its first pin (verification, not this, catches changes). */
  pin(modelId: string, file: string, pin: Pin): Promise<void> {
    return this.update((pins) => {
      const key = pinKey(modelId, file);
      if (!pins[key]) pins[key] = pin;
    });
  }

  /** Forgets a removed model's pins, so its next download is a first use again. */
  unpinModel(modelId: string): Promise<void> {
    return this.update((pins) => {
      for (const key of Object.keys(pins)) if (key.startsWith(`${modelId}/`)) delete pins[key];
    });
  }

  private update(change: (pins: Pins) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const pins = await this.read();
      change(pins);
      await writeAtomically(this.path, `${JSON.stringify({ version: PINS_VERSION, pins }, null, 2)}\n`);
    });
    // A failed update must not block the ones queued after it.
    this.queue = next.catch(() => undefined);
    return next;
  }
}

function parsePins(text: string, path: string): Pins {
  const damaged = (why: string) => new ModelError('pins', `The pins file ${path} is damaged (${why}); delete it and the models are pinned again at their next load.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw damaged((err as Error).message);
  }
  const root = json as { version?: unknown; pins?: unknown };
  if (typeof root !== 'object' || root === null || root.version !== PINS_VERSION) throw damaged(`expected version ${PINS_VERSION}`);
  if (typeof root.pins !== 'object' || root.pins === null) throw damaged('no pins object');
  for (const [key, pin] of Object.entries(root.pins)) {
    const p = pin as Partial<Pin>;
    if (typeof p?.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(p.sha256) || typeof p.bytes !== 'number') throw damaged(`bad entry ${key}`);
  }
  return root.pins as Pins;
}

/** Readers see the old pins or the new ones, never half a file. */
export async function writeAtomically(path: string, text: string): Promise<void> {
  try {
    await writeFileAtomic(path, text, { backup: false });
  } catch (err) {
    throw new ModelError('pins', `Cannot write ${path}: ${(err as Error).message}`);
  }
}
