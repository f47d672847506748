/** The open clips by media id: opening one (probe, decoder, tracker, engine), finding it, closing it. */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { OpenedMedia } from '../../../shared/api';
import { StudioError } from '../../../shared/errors';
import { ProjectError } from '../../project/project-io';
import type { Sam2TrackerOptions } from '../../engine/tracker/sam2/open-sam2-tracker';
import { createTracker } from '../../engine/tracker/create-tracker';
import { FrameReader } from '../../media/frame-reader';
import { probeMedia } from '../../media/probe';
import { ViewerFrames } from '../../media/viewer-frames';
import { loadManifest } from '../../models/manifest';
import { ModelError } from '../../../shared/model-error';
import type { AutosaveStore } from '../../project/autosave';
import type { ProjectDocument } from '../../project/project-model';
import { defaultWorkDir } from '../../project/work-folder';
import type { JobRunner } from '../jobs';
import type { ModelService } from '../model-service';
import { ClipSession, noPaperTracker } from './clip-session';

export interface ClipOptions {
  /** Folder with model files; the default app folder when omitted. */
  modelsDir?: string;
  /** Where saves and exports go by default (OpenedMedia.workFolder); defaultWorkDir() when omitted. */
  workDir?: string;
  /** The model manifest; the shipped one when omitted. */
  manifestPath?: string;
  /** How SAM 2.1 tracks (correction rule, clean-up, precision); the app's defaults when omitted. */
  sam2?: Omit<Sam2TrackerOptions, 'openRunner'>;
}

export class OpenClips {
  private readonly clips = new Map<string, ClipSession>();

  constructor(
    private readonly options: ClipOptions,
    private readonly models: ModelService,
    /** A clip's jobs stop when it closes. */
    private readonly jobs: JobRunner,
    private readonly autosaves: AutosaveStore | null,
  ) {}

  /** Opens a clip, with a project's objects and settings when given. */
  async open(mediaPath: string, doc?: ProjectDocument, projectPath: string | null = null): Promise<ClipSession> {
    const info = await probeMedia(mediaPath);
    const reader = new FrameReader(info);
    const tracker = await this.openTracker(reader);
    const { name, fallbackReason, modelId } = tracker;
    const openPaperHeads = () => (modelId ? this.models.openPaperHeads(modelId) : Promise.reject(new ModelError('unsupported', noPaperTracker({ name, fallbackReason }))));
    const clip = new ClipSession({
      id: randomUUID(),
      info,
      reader,
      viewerFrames: new ViewerFrames(reader),
      tracker,
      engineOptions: {
        modelsDir: this.options.modelsDir,
        openPaperHeads,
        // ONNX matting heads open like the tracker's modules: the configured manifest, pins checked, in a worker, providers with reasons.
        headModels: this.models.headModels,
      },
      projectPath,
      autosaves: this.autosaves,
    });
    if (doc) {
      try {
        await clip.restore(doc);
      } catch (err) {
        reader.close();
        clip.viewerFrames.close();
        await tracker.tracker.close?.();
        const message = `Cannot open the project${projectPath ? ` ${projectPath}` : ''}: ${(err as Error).message}`;
        throw err instanceof ModelError ? new ModelError(err.kind, message) : new ProjectError(message);
      }
    }
    this.clips.set(clip.id, clip);
    return clip;
  }

  get(mediaId: string): ClipSession {
    const clip = this.clips.get(mediaId);
    if (!clip) throw new StudioError('not-found', 'That clip is not open any more; open it again.');
    return clip;
  }

  /** The clip if it is open; undefined for any other id. */
  find(mediaId: string): ClipSession | undefined {
    return this.clips.get(mediaId);
  }

  /** What the editor gets for an opened clip. */
  opened(clip: ClipSession): OpenedMedia {
    const { id: mediaId, info, tracker } = clip;
    const { projectPath } = clip.saves;
    return { mediaId, info, tracker, workFolder: resolve(this.options.workDir ?? defaultWorkDir()), ...(projectPath ? { projectPath } : {}) };
  }

  async flushAutosaves(): Promise<void> {
    await Promise.all([...this.clips.values()].map((c) => c.saves.flush()));
  }

  /** Stops the clip's jobs and frees it; its autosave is written out (keep) or removed (discard). */
  async close(clip: ClipSession, autosave: 'keep' | 'discard'): Promise<void> {
    this.clips.delete(clip.id);
    this.jobs.cancelOwner(clip.id);
    await clip.close(autosave);
  }

  /** Closes every clip; work never saved to a project keeps its autosave. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.clips.values()].map((c) => this.close(c, c.saves.unsaved ? 'keep' : 'discard')));
  }

  /** SAM 2.1 through the model manager (pins checked, providers shown) when a model is installed, else the classic tracker. */
  private async openTracker(source: FrameReader) {
    const manifest = this.options.manifestPath ? await loadManifest(this.options.manifestPath) : undefined;
    return createTracker(source, this.options.modelsDir, manifest, {
      ...this.options.sam2,
      openRunner: (model) => this.models.openRunner(model.id, { extend: () => model }),
    });
  }
}
