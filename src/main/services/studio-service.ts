/**
 * The StudioApi as the shells (Electron, browser host, CLI) call it: a facade over the open clips
 * (clip/: each clip's objects, edits, undo and autosave), the projects and the jobs.
 */
import { resolve } from 'node:path';
import type {
  DirListing,
  EngineInfo,
  ExportRequest,
  FrameMask,
  FrameStat,
  HistoryState,
  HistoryStep,
  JobEvent,
  Matte,
  ObjectPatch,
  ObjectSummary,
  OpenedMedia,
  ProjectOpenResult,
  ProjectSettings,
  Recovery,
  StudioApi,
} from '../../shared/api';
import type { MattingQuality, PropagateRequest } from '../../shared/engine';
import type { ModelStatus } from '../../shared/models';
import type { GrayImage, RgbaImage } from '../../shared/media';
import type { ObjectId, Prompt } from '../../shared/prompts';
import { AutosaveStore } from '../project/autosave';
import { checkPath } from './check-path';
import { OpenClips, type ClipOptions } from './clip/open-clips';
import { JobService } from './job-service';
import { JobRunner } from './jobs';
import { listDirectory } from './list-directory';
import { ModelService } from './model-service';
import { ProjectService } from './project-service';

export interface StudioServiceOptions extends ClipOptions {
  /** Where job events go (the IPC channel or the WebSocket). */
  emit: (event: JobEvent) => void;
  /** Folder for autosaves (the app passes defaultAutosaveDir()); no autosaves and no recoveries when omitted. */
  autosaveDir?: string;
}

export class StudioService implements StudioApi {
  readonly models: ModelService;
  private readonly clips: OpenClips;
  private readonly projects: ProjectService;
  private readonly jobs: JobService;

  constructor(options: StudioServiceOptions) {
    const runner = new JobRunner(options.emit);
    const autosaves = options.autosaveDir ? new AutosaveStore(resolve(options.autosaveDir)) : null;
    this.models = new ModelService({ ...options, jobs: runner });
    this.clips = new OpenClips(options, this.models, runner, autosaves);
    this.projects = new ProjectService(this.clips, autosaves);
    this.jobs = new JobService(this.clips, runner, options.emit);
  }

  /** With a clip's id, the heads say what they can do on that clip (the paper's needs its SAM 2.1 tracker). */
  async getEngineInfo(mediaId?: string): Promise<EngineInfo> {
    const clip = typeof mediaId === 'string' ? this.clips.find(mediaId) : undefined;
    return clip ? clip.engineInfo(this.models) : this.models.engineInfo();
  }

  async listDirectory(path?: string): Promise<DirListing> {
    return listDirectory(path);
  }

  async openMedia(path: string): Promise<OpenedMedia> {
    return this.clips.opened(await this.clips.open(checkPath(path, 'a video, an image or an image sequence')));
  }

  async getFrame(mediaId: string, index: number, maxWidth?: number): Promise<RgbaImage> {
    return this.clips.get(mediaId).getFrame(index, maxWidth);
  }

  async listObjects(mediaId: string): Promise<ObjectSummary[]> {
    return this.clips.get(mediaId).listObjects();
  }

  async createObject(mediaId: string, name?: string): Promise<ObjectSummary> {
    return this.clips.get(mediaId).createObject(name);
  }

  async removeObject(mediaId: string, objectId: ObjectId): Promise<void> {
    return this.clips.get(mediaId).removeObject(objectId);
  }

  async updateObject(mediaId: string, objectId: ObjectId, patch: ObjectPatch): Promise<ObjectSummary> {
    return this.clips.get(mediaId).updateObject(objectId, patch);
  }

  async getPrompts(mediaId: string, objectId: ObjectId, frame: number): Promise<Prompt[]> {
    return this.clips.get(mediaId).getPrompts(objectId, frame);
  }

  async setPrompts(mediaId: string, objectId: ObjectId, frame: number, prompts: Prompt[]): Promise<FrameMask | null> {
    return this.clips.get(mediaId).setPrompts(objectId, frame, prompts);
  }

  async getMask(mediaId: string, objectId: ObjectId, frame: number): Promise<FrameMask | null> {
    return this.clips.get(mediaId).getMask(objectId, frame);
  }

  async needsImageFeatures(mediaId: string, frame: number): Promise<boolean> {
    return this.clips.get(mediaId).needsImageFeatures(frame);
  }

  async getMatte(mediaId: string, frame: number, objectIds?: ObjectId[], quality?: MattingQuality): Promise<Matte> {
    return this.clips.get(mediaId).getMatte(frame, objectIds, quality);
  }

  async getTrimap(mediaId: string, frame: number, objectIds?: ObjectId[]): Promise<GrayImage> {
    return this.clips.get(mediaId).getTrimap(frame, objectIds);
  }

  async getTrackStats(mediaId: string, objectId: ObjectId): Promise<FrameStat[]> {
    return this.clips.get(mediaId).getTrackStats(objectId);
  }

  async getSettings(mediaId: string): Promise<ProjectSettings> {
    return this.clips.get(mediaId).getSettings();
  }

  async updateSettings(mediaId: string, patch: Partial<ProjectSettings>): Promise<ProjectSettings> {
    return this.clips.get(mediaId).updateSettings(patch, this.models);
  }

  async undo(mediaId: string): Promise<HistoryStep | null> {
    return this.clips.get(mediaId).undo();
  }

  async redo(mediaId: string): Promise<HistoryStep | null> {
    return this.clips.get(mediaId).redo();
  }

  async getHistory(mediaId: string): Promise<HistoryState> {
    return this.clips.get(mediaId).getHistory();
  }

  async propagate(mediaId: string, request: PropagateRequest): Promise<{ jobId: string }> {
    return this.jobs.propagate(mediaId, request);
  }

  async exportMatte(request: ExportRequest): Promise<{ jobId: string }> {
    return this.jobs.exportMatte(request);
  }

  async cancelJob(jobId: string): Promise<void> {
    this.jobs.cancel(jobId);
  }

  async saveProject(mediaId: string, path?: string): Promise<{ path: string; savedAt: string }> {
    return this.projects.save(mediaId, path);
  }

  async openProject(path: string): Promise<ProjectOpenResult> {
    return this.projects.open(path);
  }

  async relinkProject(projectPath: string, searchFolder: string): Promise<ProjectOpenResult> {
    return this.projects.relink(projectPath, searchFolder);
  }

  async listRecoveries(): Promise<Recovery[]> {
    return this.projects.listRecoveries();
  }

  async restoreRecovery(id: string): Promise<OpenedMedia> {
    return this.projects.restoreRecovery(id);
  }

  async discardRecovery(id: string): Promise<void> {
    return this.projects.discardRecovery(id);
  }

  async listModels(): Promise<ModelStatus[]> {
    return this.models.listModels();
  }

  async downloadModel(modelId: string, acceptedLicence?: string): Promise<{ jobId: string }> {
    return this.models.downloadModel(modelId, acceptedLicence);
  }

  async importModel(modelId: string, path: string): Promise<ModelStatus> {
    return this.models.importModel(modelId, path);
  }

  async removeModel(modelId: string): Promise<void> {
    return this.models.removeModel(modelId);
  }

  /** Writes every pending autosave now (before a signal ends the process). */
  async flushAutosaves(): Promise<void> {
    await this.clips.flushAutosaves();
  }

  /**
   * Stops every job and decoder; for shutdown. A clean close removes the autosaves of saved work;
   * work never saved to a project keeps its autosave, so the next start offers it rather than losing it.
   */
  async close(): Promise<void> {
    await this.clips.closeAll();
  }
}
