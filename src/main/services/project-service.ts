/** Projects of the open clips: save, open, relink to moved media, and the recoveries autosaves leave behind. */
import { basename, dirname, resolve } from 'node:path';
import type { OpenedMedia, ProjectOpenResult, Recovery } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import type { AutosaveStore } from '../project/autosave';
import { findMedia, matches } from '../project/find-media';
import { fingerprintMedia } from '../project/media-fingerprint';
import { readProjectFile, writeProjectFile } from '../project/project-io';
import type { ProjectDocument } from '../project/project-model';
import { checkPath } from './check-path';
import type { OpenClips } from './clip/open-clips';

export class ProjectService {
  constructor(
    private readonly clips: OpenClips,
    /** No autosaves and no recoveries when null. */
    private readonly autosaves: AutosaveStore | null,
  ) {}

  /** Saves atomically to path, or to the clip's project file when omitted. */
  async save(mediaId: string, path?: string): Promise<{ path: string; savedAt: string }> {
    const clip = this.clips.get(mediaId);
    const target = path === undefined || path === null ? clip.saves.projectPath : checkPath(path, 'the project file');
    if (!target) throw new StudioError('bad-request', 'This clip has no project file yet: choose where to save it.');
    return clip.exclusive(async () => {
      const revision = clip.saves.current;
      const doc = await clip.document(target);
      const savedAt = new Date().toISOString();
      await writeProjectFile(target, doc, savedAt);
      await clip.saves.saved(target, revision);
      return { path: target, savedAt };
    });
  }

  async open(path: string): Promise<ProjectOpenResult> {
    const projectPath = checkPath(path, 'a project file');
    const doc = await readProjectFile(projectPath);
    const located = await this.locateMedia(doc, projectPath);
    if (typeof located !== 'string') return { status: 'missing-media', projectPath, mediaPath: doc.media.path, message: located.missing };
    const clip = await this.clips.open(located, doc, projectPath);
    // Found beside the project rather than where it was: the next save records where it is now.
    if (located !== doc.media.path) clip.saves.changed();
    return { status: 'opened', ...this.clips.opened(clip) };
  }

  /** Finds the project's media by size and hash under a folder, and opens the project with it. */
  async relink(projectPath: string, searchFolder: string): Promise<ProjectOpenResult> {
    const path = checkPath(projectPath, 'a project file');
    const folder = checkPath(searchFolder, 'a folder to search');
    const doc = await readProjectFile(path);
    const { media } = doc;
    const found = await findMedia(folder, { name: basename(media.path), size: media.size, hash: media.hash });
    if (!found) {
      const how = media.hash ? 'the same size and content' : `the name ${basename(media.path)}`;
      return { status: 'missing-media', projectPath: path, mediaPath: media.path, message: `No file under ${folder} has ${how} as ${media.path}.` };
    }
    const clip = await this.clips.open(found, doc, path);
    // The project now points at the media where it was found; saved at once (the previous file stays as .bak).
    // Where it cannot be saved the clip stays open with the change unsaved (and autosaved).
    clip.saves.changed();
    await this.save(clip.id).catch((err: unknown) => console.error((err as Error).message));
    return { status: 'opened', ...this.clips.opened(clip) };
  }

  /**
   * Unsaved work of clips that did not close: autosaves of crashed or killed runs, and also clips still open
   * here whose editor went away (a reloaded browser page), so those too can be taken up again.
   */
  async listRecoveries(): Promise<Recovery[]> {
    if (!this.autosaves) return [];
    await this.clips.flushAutosaves();
    return this.autosaves.list();
  }

  async restoreRecovery(id: string): Promise<OpenedMedia> {
    const store = this.recoveryStore();
    const live = this.clips.find(id);
    // Still open: the editor takes it up as it is, masks and undo history included.
    if (live) return this.clips.opened(live);
    const { doc, projectPath } = await store.read(id);
    const located = await this.locateMedia(doc, projectPath);
    if (typeof located !== 'string') {
      const details = { mediaPath: doc.media.path, ...(projectPath ? { projectPath } : {}) };
      throw new StudioError('media-missing', `Cannot restore: ${located.missing}`, details);
    }
    const clip = await this.clips.open(located, doc, projectPath);
    // Unsaved work again: it is autosaved under the new clip before the old autosave goes.
    await clip.saves.restoredUnsaved();
    await store.remove(id);
    return this.clips.opened(clip);
  }

  async discardRecovery(id: string): Promise<void> {
    const store = this.recoveryStore();
    const live = this.clips.find(id);
    if (live) await this.clips.close(live, 'discard');
    await store.remove(id);
  }

  /** Where a project's media is now: where it was, else beside the project as it was; or why it is missing. */
  private async locateMedia(doc: ProjectDocument, projectPath: string | null): Promise<string | { missing: string }> {
    const { media } = doc;
    const candidates = [media.path];
    if (projectPath && media.relativePath) candidates.push(resolve(dirname(projectPath), media.relativePath));
    let changed = false;
    for (const path of candidates) {
      const fingerprint = await fingerprintMedia(path).catch(() => null);
      if (!fingerprint) continue;
      if (matches(fingerprint, { name: basename(media.path), ...media })) return path;
      changed = true;
    }
    return {
      missing: changed
        ? `The media ${media.path} is not the file the project was made with (its size or content differ); relink the project to the original media.`
        : `The media ${media.path} is missing; relink the project to a folder that holds it.`,
    };
  }

  private recoveryStore(): AutosaveStore {
    if (!this.autosaves) throw new StudioError('not-found', 'Autosave is off in this session, so there are no recoveries.');
    return this.autosaves;
  }
}
