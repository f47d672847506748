/**
 * A clip's save state: the project file it saves to, which change the file and the autosave hold, and the
 * autosave itself, written a few seconds after a change and removed once the project file holds the work.
 */
import { SaveScheduler, type AutosaveStore } from '../../project/autosave';
import type { ProjectDocument } from '../../project/project-model';

/** From the first unsaved change to its autosave. */
const AUTOSAVE_DELAY_MS = 3000;

export class ClipSaves {
  /** Counts changes; the project file holds savedRevision, the autosave autosavedRevision. */
  private revision = 0;
  private savedRevision = 0;
  private autosavedRevision = 0;
  private readonly autosave: SaveScheduler | null;

  /**
   * `id`: the clip's, which names its autosave; `document`: the clip as a project document for a project path;
   * `autosaves`: where it autosaves, none when null.
   */
  constructor(
    private readonly id: string,
    /** The project file the clip saves to, once it has one. */
    public projectPath: string | null,
    private readonly autosaves: AutosaveStore | null,
    document: (projectPath: string | null) => Promise<ProjectDocument>,
    mediaPath: string,
  ) {
    const save = async (store: AutosaveStore) => {
      const revision = this.revision;
      if (revision === this.autosavedRevision) return;
      await store.write(id, this.projectPath, await document(this.projectPath));
      this.autosavedRevision = revision;
    };
    const onError = (err: unknown) => console.error(`Autosave of ${mediaPath} failed: ${(err as Error).message}`);
    this.autosave = autosaves ? new SaveScheduler(AUTOSAVE_DELAY_MS, () => save(autosaves), onError) : null;
  }

  /** A change to save: counted, and autosaved a little later. */
  changed(): void {
    this.revision++;
    this.autosave?.changed();
  }

  /** Changes since the last save (or restored work never saved): what closing must not lose. */
  get unsaved(): boolean {
    return this.revision !== this.savedRevision;
  }

  /** The current revision, to pass to saved() once a save that began now is written. */
  get current(): number {
    return this.revision;
  }

  /** The project file at `path` holds `revision`; the autosave is only needed again after the next change. */
  async saved(path: string, revision: number): Promise<void> {
    this.projectPath = path;
    this.savedRevision = revision;
    await this.dropAutosave();
  }

  /** Restored work counts as unsaved even before its next change, and is autosaved at once under this clip. */
  async restoredUnsaved(): Promise<void> {
    this.savedRevision = -1;
    this.changed();
    await this.autosave?.flush();
  }

  /** Writes a pending autosave now; resolves once every autosave begun so far is done. */
  async flush(): Promise<void> {
    await this.autosave?.flush();
  }

  /** The clip closes: its autosave is written out (keep) or removed (discard). */
  async close(autosave: 'keep' | 'discard'): Promise<void> {
    await (autosave === 'keep' ? this.autosave?.flush() : this.dropAutosave());
  }

  private async dropAutosave(): Promise<void> {
    if (!this.autosave || !this.autosaves) return;
    this.autosave.cancel();
    await this.autosave.flush();
    this.autosavedRevision = this.revision;
    await this.autosaves.remove(this.id);
  }
}
