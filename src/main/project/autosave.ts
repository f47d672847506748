/**
 * Autosaves: each open session's latest state in the autosave folder, written a few seconds after
 * a change. A session that closes cleanly removes its file, so files found at start-up are work
 * a crash or a kill would otherwise have lost.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import type { Recovery } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import { parseProject, serializeProject } from './project-file';
import { readProjectJson } from './project-json';
import type { ProjectDocument } from './project-model';
import { defaultModelsDir } from '../models/manifest';

const SUFFIX = '.autosave.json';
const RECOVERY_ID = /^[A-Za-z0-9-]{1,64}$/;
/** What an autosave holds beside the project (serializeProject's extra). */
const autosaveFields = z.looseObject({ savedAt: z.unknown(), autosave: z.looseObject({ projectPath: z.unknown() }) });

/** Beside the models in the per-user data folder (see README, Models). */
export function defaultAutosaveDir(): string {
  return join(defaultModelsDir(), '..', 'autosave');
}

export interface AutosaveContent {
  projectPath: string | null;
  savedAt: string;
  doc: ProjectDocument;
}

export class AutosaveStore {
  constructor(readonly dir: string) {}

  private pathOf(id: string): string {
    if (typeof id !== 'string' || !RECOVERY_ID.test(id)) throw new Error(`No recovery ${String(id)}.`);
    return join(this.dir, `${id}${SUFFIX}`);
  }

  async write(id: string, projectPath: string | null, doc: ProjectDocument): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const savedAt = new Date().toISOString();
    await writeFileAtomic(this.pathOf(id), serializeProject(doc, savedAt, { autosave: { projectPath } }), { backup: false });
  }

  async read(id: string): Promise<AutosaveContent> {
    const path = this.pathOf(id);
    const text = await readFile(path, 'utf8').catch(() => {
      throw new StudioError('not-found', `No recovery ${id}: it was restored or discarded already.`);
    });
    try {
      const doc = parseProject(text);
      const { autosave, savedAt } = readProjectJson(autosaveFields, JSON.parse(text));
      return { projectPath: typeof autosave.projectPath === 'string' ? autosave.projectPath : null, savedAt: String(savedAt), doc };
    } catch (err) {
      throw new StudioError('project-invalid', `The autosave ${path} cannot be read: ${(err as Error).message}.`);
    }
  }

  /** Every autosave, newest first; unreadable files are left alone, not listed. */
  async list(): Promise<Recovery[]> {
    const names = await readdir(this.dir).catch(() => []);
    const ids = names
      .filter((n) => n.endsWith(SUFFIX))
      .map((n) => n.slice(0, -SUFFIX.length))
      .filter((id) => RECOVERY_ID.test(id));
    const recoveries: Recovery[] = [];
    for (const id of ids) {
      const content = await this.read(id).catch(() => null);
      if (!content) continue;
      const { doc, projectPath, savedAt } = content;
      recoveries.push({
        id,
        projectPath,
        mediaPath: doc.media.path,
        savedAt,
        objects: doc.objects.length,
        promptFrames: new Set(doc.objects.flatMap((o) => [...o.prompts.keys()])).size,
      });
    }
    return recoveries.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  }

  async remove(id: string): Promise<void> {
    await rm(this.pathOf(id), { force: true });
  }
}

/**
 * Runs a save a fixed delay after the first change that is not saved yet: later changes do not
 * push it back, so steady editing is still saved every few seconds. Saves never overlap.
 */
export class SaveScheduler {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly delayMs: number,
    private readonly save: () => Promise<void>,
    private readonly onError: (err: unknown) => void,
  ) {}

  changed(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.delayMs);
    // A pending autosave must not keep a finished process alive.
    this.timer.unref();
  }

  /** Saves now if a change waits; resolves once every save begun so far is done. */
  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      this.running = this.running.then(this.save).catch(this.onError);
    }
    return this.running;
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
