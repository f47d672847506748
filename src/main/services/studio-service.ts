/** The main-process services behind the StudioApi: media, tracking, matting and export for open clips. */
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, extname, join, resolve } from 'node:path';
import type {
  DirListing,
  EngineInfo,
  ExportRequest,
  FrameMask,
  FrameStat,
  HistoryState,
  HistoryStep,
  JobEvent,
  ObjectPatch,
  ObjectSummary,
  OpenedMedia,
  ProjectOpenResult,
  ProjectSettings,
  Recovery,
  StudioApi,
} from '../../shared/api';
import type { MattingQuality, PropagateRequest, TrackResult } from '../../shared/engine';
import type { ModelStatus } from '../../shared/models';
import type { GrayImage, MediaInfo, RgbaImage } from '../../shared/media';
import type { ObjectId, Prompt } from '../../shared/prompts';
import { createEngine, describeEngine, type Engine } from '../engine/create-engine';
import { trackStats } from '../engine/drift';
import { exportMatte } from '../media/encode';
import { FrameReader } from '../media/frame-reader';
import { probeMedia } from '../media/probe';
import { downscaleRgba } from '../imaging/resize';
import { JobRunner } from './jobs';
import { validateFrameIndex, validatePrompts } from './validate-prompts';

const MEDIA_EXTENSIONS = new Set(['.mp4', '.mov', '.mkv', '.webm', '.avi', '.mxf', '.m4v', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.exr', '.dpx', '.bmp', '.webp']);

interface TrackedObject {
  objectId: ObjectId;
  name: string;
  /** The truth of a shot: prompts per frame. Masks can always be recomputed from them. */
  prompts: Map<number, Prompt[]>;
}

interface MediaSession {
  id: string;
  info: MediaInfo;
  reader: FrameReader;
  engine: Engine;
  objects: Map<ObjectId, TrackedObject>;
  nextObjectId: ObjectId;
}

export interface StudioServiceOptions {
  /** Where job events go (the IPC channel or the WebSocket). */
  emit: (event: JobEvent) => void;
  /** Folder with model files; the default app folder when omitted. */
  modelsDir?: string;
}

/** Placeholder while the session's helpers build these methods; none may remain at the end. */
function notYet(owner: string, method: string, ...args: unknown[]): never {
  throw new Error(`${method} is not built yet (${owner}; ${args.length} arguments)`);
}

function toFrameMask(result: TrackResult): FrameMask {
  const { objectId, frame, mask, score, present, source } = result;
  return { objectId, frame, mask, score, present, source };
}

export class StudioService implements StudioApi {
  private readonly sessions = new Map<string, MediaSession>();
  private readonly jobs: JobRunner;
  private readonly emit: (event: JobEvent) => void;

  constructor(private readonly options: StudioServiceOptions) {
    this.emit = options.emit;
    this.jobs = new JobRunner(options.emit);
  }

  async getEngineInfo(): Promise<EngineInfo> {
    return describeEngine(this.options.modelsDir);
  }

  async listDirectory(path?: string): Promise<DirListing> {
    const dir = resolve(path || homedir());
    const dirents = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`Cannot list ${dir}: ${err.code === 'ENOENT' ? 'no such folder' : err.message}`);
    });
    const entries = dirents
      .filter((d) => !d.name.startsWith('.') && (d.isDirectory() || MEDIA_EXTENSIONS.has(extname(d.name).toLowerCase())))
      .map((d) => ({ name: d.name, path: join(dir, d.name), isDirectory: d.isDirectory() }))
      .sort((a, b) => Number(b.isDirectory) - Number(a.isDirectory) || a.name.localeCompare(b.name));
    const parent = dirname(dir);
    return { path: dir, parent: parent === dir ? null : parent, entries };
  }

  async openMedia(path: string): Promise<OpenedMedia> {
    if (typeof path !== 'string' || !path.trim()) throw new Error('Give the path of a video, an image or an image sequence.');
    const info = await probeMedia(resolve(path.trim()));
    const reader = new FrameReader(info);
    const engine = createEngine(reader);
    const id = randomUUID();
    this.sessions.set(id, { id, info, reader, engine, objects: new Map(), nextObjectId: 1 });
    return { mediaId: id, info };
  }

  async getFrame(mediaId: string, index: number, maxWidth?: number): Promise<RgbaImage> {
    const session = this.session(mediaId);
    const frame = await session.reader.getFrame(validateFrameIndex(index, session.info.frameCount));
    return maxWidth && maxWidth < frame.width ? downscaleRgba(frame, maxWidth) : frame;
  }

  async listObjects(mediaId: string): Promise<ObjectSummary[]> {
    const session = this.session(mediaId);
    return [...session.objects.values()].map((o) => this.summary(session, o));
  }

  async createObject(mediaId: string, name?: string): Promise<ObjectSummary> {
    const session = this.session(mediaId);
    const objectId = session.nextObjectId++;
    const object: TrackedObject = { objectId, name: name?.trim() || `Object ${objectId}`, prompts: new Map() };
    session.objects.set(objectId, object);
    return this.summary(session, object);
  }

  async removeObject(mediaId: string, objectId: ObjectId): Promise<void> {
    const session = this.session(mediaId);
    this.object(session, objectId);
    session.engine.tracker.clearObject(objectId);
    session.objects.delete(objectId);
  }

  async getPrompts(mediaId: string, objectId: ObjectId, frame: number): Promise<Prompt[]> {
    const session = this.session(mediaId);
    return this.object(session, objectId).prompts.get(validateFrameIndex(frame, session.info.frameCount)) ?? [];
  }

  async setPrompts(mediaId: string, objectId: ObjectId, frame: number, prompts: Prompt[]): Promise<FrameMask | null> {
    const session = this.session(mediaId);
    const object = this.object(session, objectId);
    validateFrameIndex(frame, session.info.frameCount);
    const valid = validatePrompts(prompts, session.info.width, session.info.height);
    const result = await session.engine.tracker.setPrompts(objectId, frame, valid);
    // Prompts are stored only once the tracker took them, so a failing engine leaves the last good state.
    if (valid.length) object.prompts.set(frame, valid);
    else object.prompts.delete(frame);
    return result ? toFrameMask(result) : null;
  }

  async getMask(mediaId: string, objectId: ObjectId, frame: number): Promise<FrameMask | null> {
    const session = this.session(mediaId);
    this.object(session, objectId);
    const result = session.engine.tracker.getResult(objectId, validateFrameIndex(frame, session.info.frameCount));
    return result ? toFrameMask(result) : null;
  }

  async updateObject(mediaId: string, objectId: ObjectId, patch: ObjectPatch): Promise<ObjectSummary> {
    return notYet('project', 'updateObject', mediaId, objectId, patch);
  }

  async getTrimap(mediaId: string, frame: number, objectIds?: ObjectId[]): Promise<GrayImage> {
    return notYet('matting', 'getTrimap', mediaId, frame, objectIds);
  }

  async getTrackStats(mediaId: string, objectId: ObjectId): Promise<FrameStat[]> {
    const session = this.session(mediaId);
    this.object(session, objectId);
    const results: TrackResult[] = [];
    for (let f = 0; f < session.info.frameCount; f++) {
      const result = session.engine.tracker.getResult(objectId, f);
      if (result) results.push(result);
    }
    return trackStats(results);
  }

  async getSettings(mediaId: string): Promise<ProjectSettings> {
    return notYet('project', 'getSettings', mediaId);
  }

  async updateSettings(mediaId: string, patch: Partial<ProjectSettings>): Promise<ProjectSettings> {
    return notYet('project', 'updateSettings', mediaId, patch);
  }

  async undo(mediaId: string): Promise<HistoryStep | null> {
    return notYet('project', 'undo', mediaId);
  }

  async redo(mediaId: string): Promise<HistoryStep | null> {
    return notYet('project', 'redo', mediaId);
  }

  async getHistory(mediaId: string): Promise<HistoryState> {
    return notYet('project', 'getHistory', mediaId);
  }

  async saveProject(mediaId: string, path?: string): Promise<{ path: string; savedAt: string }> {
    return notYet('project', 'saveProject', mediaId, path);
  }

  async openProject(path: string): Promise<ProjectOpenResult> {
    return notYet('project', 'openProject', path);
  }

  async relinkProject(projectPath: string, searchFolder: string): Promise<ProjectOpenResult> {
    return notYet('project', 'relinkProject', projectPath, searchFolder);
  }

  async listRecoveries(): Promise<Recovery[]> {
    return notYet('project', 'listRecoveries');
  }

  async restoreRecovery(id: string): Promise<OpenedMedia> {
    return notYet('project', 'restoreRecovery', id);
  }

  async discardRecovery(id: string): Promise<void> {
    return notYet('project', 'discardRecovery', id);
  }

  async listModels(): Promise<ModelStatus[]> {
    return notYet('models', 'listModels');
  }

  async downloadModel(modelId: string): Promise<{ jobId: string }> {
    return notYet('models', 'downloadModel', modelId);
  }

  async importModel(modelId: string, path: string): Promise<ModelStatus> {
    return notYet('models', 'importModel', modelId, path);
  }

  async removeModel(modelId: string): Promise<void> {
    return notYet('models', 'removeModel', modelId);
  }

  async getMatte(mediaId: string, frame: number, objectIds?: ObjectId[], quality: MattingQuality = 'preview'): Promise<GrayImage> {
    const session = this.session(mediaId);
    validateFrameIndex(frame, session.info.frameCount);
    const image = await session.reader.getFrame(frame);
    return session.engine.matte(image, frame, this.selectedObjects(session, objectIds), quality);
  }

  async propagate(mediaId: string, request: PropagateRequest): Promise<{ jobId: string }> {
    const session = this.session(mediaId);
    const objectIds = this.selectedObjects(session, request.objectIds).filter((id) => this.object(session, id).prompts.size > 0);
    if (!objectIds.length) throw new Error('Nothing to propagate: prompt an object on a frame first.');
    const { frameCount } = session.info;
    const rangeStart = validateFrameIndex(request.rangeStart ?? 0, frameCount);
    const rangeEnd = validateFrameIndex(request.rangeEnd ?? frameCount - 1, frameCount);
    if (request.startFrame !== undefined) validateFrameIndex(request.startFrame, frameCount);
    const total = (rangeEnd - rangeStart + 1) * objectIds.length;
    const jobId = this.jobs.start('propagate', mediaId, async (signal, id) => {
      let done = 0;
      for await (const result of session.engine.tracker.propagate({ ...request, objectIds, rangeStart, rangeEnd }, signal)) {
        done++;
        this.emit({ jobId: id, kind: 'propagate', type: 'frame', objectId: result.objectId, frame: result.frame, score: result.score, present: result.present });
        this.emit({ jobId: id, kind: 'propagate', type: 'progress', done: Math.min(done, total), total });
      }
    });
    return { jobId };
  }

  async exportMatte(request: ExportRequest): Promise<{ jobId: string }> {
    const session = this.session(request.mediaId);
    const { frameCount } = session.info;
    const rangeStart = validateFrameIndex(request.rangeStart ?? 0, frameCount);
    const rangeEnd = validateFrameIndex(request.rangeEnd ?? frameCount - 1, frameCount);
    if (rangeEnd < rangeStart) throw new Error(`Export range ${rangeStart}-${rangeEnd} is empty.`);
    if (!['prores4444', 'png', 'matte'].includes(request.format)) throw new Error(`Unknown export format ${String(request.format)}.`);
    if (typeof request.outputPath !== 'string' || !request.outputPath.trim()) throw new Error('Choose where to export.');
    const objectIds = this.selectedObjects(session, request.objectIds);
    const jobId = this.jobs.start('export', request.mediaId, (signal, id) =>
      exportMatte({
        source: session.info,
        format: request.format,
        outputPath: resolve(request.outputPath.trim()),
        alphaMode: request.alphaMode ?? 'straight',
        rangeStart,
        rangeEnd,
        signal,
        renderFrame: async (index, frameSignal) => {
          const image = await session.reader.getFrame(index, frameSignal);
          const alpha = await session.engine.matte(image, index, objectIds, 'final', frameSignal);
          return { image, alpha };
        },
        onProgress: (done, total) => this.emit({ jobId: id, kind: 'export', type: 'progress', done, total }),
      }),
    );
    return { jobId };
  }

  async cancelJob(jobId: string): Promise<void> {
    this.jobs.cancel(jobId);
  }

  /** Stops every job and decoder; for shutdown. */
  close(): void {
    for (const session of this.sessions.values()) {
      this.jobs.cancelOwner(session.id);
      session.reader.close();
    }
    this.sessions.clear();
  }

  private session(mediaId: string): MediaSession {
    const session = this.sessions.get(mediaId);
    if (!session) throw new Error('That clip is not open any more; open it again.');
    return session;
  }

  private object(session: MediaSession, objectId: ObjectId): TrackedObject {
    const object = session.objects.get(objectId);
    if (!object) throw new Error(`Object ${String(objectId)} does not exist in this clip.`);
    return object;
  }

  private selectedObjects(session: MediaSession, objectIds?: ObjectId[]): ObjectId[] {
    if (!objectIds) return [...session.objects.keys()];
    for (const id of objectIds) this.object(session, id);
    return objectIds;
  }

  private summary(session: MediaSession, object: TrackedObject): ObjectSummary {
    const trackedFrames: number[] = [];
    for (let f = 0; f < session.info.frameCount; f++) if (session.engine.tracker.getResult(object.objectId, f)) trackedFrames.push(f);
    return {
      objectId: object.objectId,
      name: object.name,
      color: '#ff6b6b',
      hidden: false,
      locked: false,
      promptFrames: [...object.prompts.keys()].sort((a, b) => a - b),
      trackedFrames,
    };
  }
}
