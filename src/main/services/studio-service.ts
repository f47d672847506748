/** The main-process services behind the StudioApi: media, tracking, matting and export for open clips. */
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, extname, join, relative, resolve } from 'node:path';
import {
  DEFAULT_OVERLAY,
  type DirListing,
  type EngineInfo,
  type ExportRequest,
  type FrameMask,
  type FrameStat,
  type HistoryState,
  type HistoryStep,
  type JobEvent,
  type Matte,
  type ObjectPatch,
  type ObjectSummary,
  type OpenedMedia,
  type ProjectOpenResult,
  type ProjectSettings,
  type Recovery,
  type StudioApi,
} from '../../shared/api';
import type { MattingQuality, PropagateRequest, TrackResult, TrackSnapshot } from '../../shared/engine';
import type { ModelStatus } from '../../shared/models';
import type { GrayImage, MediaInfo, RgbaImage } from '../../shared/media';
import type { ObjectId, Prompt } from '../../shared/prompts';
import { NEUTRAL_MATTE } from '../../shared/matte-controls';
import { Engine, type MatteTarget } from '../engine/engine';
import { ExclusiveMasks } from '../engine/exclusive-masks';
import type { Sam2TrackerOptions } from '../engine/tracker/sam2/open-sam2-tracker';
import { createTracker } from '../engine/tracker/create-tracker';
import { loadManifest } from '../models/manifest';
import { ModelError } from '../../shared/model-error';
import { pickFrames, replaceFrames } from '../engine/tracker/frame-maps';
import type { FrameSpan } from '../engine/tracker/influenced-range';
import { trackStats } from '../engine/drift';
import { FrameReader } from '../media/frame-reader';
import { ViewerFrames } from '../media/viewer-frames';
import { probeMedia } from '../media/probe';
import { meanColourUnder } from '../imaging/mean-colour';
import { AutosaveStore, SaveScheduler } from '../project/autosave';
import { describeEdit, type Edit } from '../project/edits';
import { findMedia, matches } from '../project/find-media';
import { fingerprintMedia, type MediaFingerprint } from '../project/media-fingerprint';
import { colourAwayFrom, objectColor } from '../project/object-colors';
import { patchObjectMeta } from '../project/object-meta';
import { readProjectFile, writeProjectFile } from '../project/project-io';
import { copyObject, objectMeta, type ProjectDocument, type ProjectObject } from '../project/project-model';
import { defaultSettings, patchSettings } from '../project/settings';
import { defaultWorkDir } from '../project/work-folder';
import { exportMediaId, exportQuality, planExport, runExport } from './export-job';
import { History } from './history';
import { JobRunner } from './jobs';
import { ModelService } from './model-service';
import { validateFrameIndex, validatePrompts } from '../../shared/validate-prompts';
import { frameStatus, keyframeSpan, planRetrack, runLength, staleAfterPromptChange, type RetrackRun, type TrackDirection, type TrackFacts } from './track-state';

/** What the file browser lists besides folders: media, and project files (.sam2m.json). */
const LISTED_EXTENSIONS = new Set(['.mp4', '.mov', '.mkv', '.webm', '.avi', '.mxf', '.m4v', '.png', '.jpg', '.jpeg', '.tif', '.tiff', '.exr', '.dpx', '.bmp', '.webp', '.json']);

/** The truth of a shot is each object's prompts per frame; masks can always be recomputed from them. */
type TrackedObject = ProjectObject;

/** An object's derived frames over a span (the tracker's state and which frames are stale), as an edit found or left them. */
interface DerivedFrames {
  tracker: TrackSnapshot;
  stale: Map<number, TrackDirection>;
}

/**
 * Undo puts back exactly the derived frames an edit changed (masks are a cache of prompts, and recomputing
 * them could differ: a correction's mask depends on the mask it corrected). `before` is what applying the
 * edit found, `after` what undoing it found; each is taken as the other is put back.
 */
type EditWithFrames = Edit & { derived?: { span: FrameSpan; before?: DerivedFrames; after?: DerivedFrames } };

type HistoryEntry = EditWithFrames & { label: string };

/**
 * How many of the latest edits keep their derived frames (a correction's can hold a hundred masks). Undoing
 * an older one applies its prompts again and leaves the frames they influence stale: never a hole.
 */
const EDITS_WITH_FRAMES = 50;

interface MediaSession {
  id: string;
  info: MediaInfo;
  reader: FrameReader;
  /** The viewer's frames, proxies included. */
  viewerFrames: ViewerFrames;
  engine: Engine;
  /** The tracker this clip runs on, and why it is the classic fallback when it is. */
  tracker: { name: string; fallbackReason: string | null };
  /** The SAM 2.1 model the tracker runs (the paper's heads pair with it); null for the classic tracker. */
  trackerModelId: string | null;
  objects: Map<ObjectId, TrackedObject>;
  /** Per object, its tracked frames made from prompts that changed since, with the direction that re-tracks each. */
  stale: Map<ObjectId, Map<number, TrackDirection>>;
  /** The history entries holding derived frames, oldest first (EDITS_WITH_FRAMES at most). */
  framesKept: HistoryEntry[];
  /** Counts changes to prompts and objects (edits, undos, redos): a job that sees it move cannot vouch for its frames. */
  derivedRevision: number;
  nextObjectId: ObjectId;
  /** In/out points, head and quality; propagation and export read them from here. */
  settings: ProjectSettings;
  history: History<HistoryEntry>;
  /** The project file this session saves to, once it has one. */
  projectPath: string | null;
  /** Counts changes; the project file holds savedRevision, the autosave autosavedRevision. */
  revision: number;
  savedRevision: number;
  autosavedRevision: number;
  autosave: SaveScheduler | null;
  fingerprint: Promise<MediaFingerprint> | null;
  /** Edits run one at a time, so each sees the state the previous one left. */
  edits: Promise<unknown>;
}

export interface StudioServiceOptions {
  /** Where job events go (the IPC channel or the WebSocket). */
  emit: (event: JobEvent) => void;
  /** Folder with model files; the default app folder when omitted. */
  modelsDir?: string;
  /** Folder for autosaves (the app passes defaultAutosaveDir()); no autosaves and no recoveries when omitted. */
  autosaveDir?: string;
  /** Where saves and exports go by default (OpenedMedia.workFolder); defaultWorkDir() when omitted. */
  workDir?: string;
  /** The model manifest; the shipped one when omitted. */
  manifestPath?: string;
  /** How SAM 2.1 tracks (correction rule, clean-up, precision); the app's defaults when omitted. */
  sam2?: Omit<Sam2TrackerOptions, 'openRunner'>;
}

/** From the first unsaved change to its autosave. */
const AUTOSAVE_DELAY_MS = 3000;

function stepTarget(edit: Edit): { objectId?: ObjectId; frame?: number } {
  switch (edit.kind) {
    case 'prompts':
      return { objectId: edit.objectId, frame: edit.frame };
    case 'create-object':
    case 'remove-object':
      return { objectId: edit.object.objectId };
    case 'update-object':
      return { objectId: edit.objectId };
    case 'settings':
      return {};
  }
}

function storePrompts(object: TrackedObject, frame: number, prompts: Prompt[]): void {
  if (prompts.length) object.prompts.set(frame, prompts);
  else object.prompts.delete(frame);
}

function matteTarget(object: TrackedObject): MatteTarget {
  return { objectId: object.objectId, controls: object.matte };
}

function checkPath(path: unknown, what: string): string {
  if (typeof path !== 'string' || !path.trim()) throw new Error(`Give the path of ${what}.`);
  return resolve(path.trim());
}

function toFrameMask(result: TrackResult): FrameMask {
  const { objectId, frame, mask, score, present, source } = result;
  return { objectId, frame, mask, score, present, source };
}

/** The part of `span` inside `range`. */
function within(span: FrameSpan, range: FrameSpan): FrameSpan {
  return { start: Math.max(span.start, range.start), end: Math.min(span.end, range.end) };
}

export class StudioService implements StudioApi {
  private readonly sessions = new Map<string, MediaSession>();
  private readonly jobs: JobRunner;
  private readonly emit: (event: JobEvent) => void;
  private readonly autosaves: AutosaveStore | null;
  readonly models: ModelService;

  constructor(private readonly options: StudioServiceOptions) {
    this.emit = options.emit;
    this.jobs = new JobRunner(options.emit);
    this.autosaves = options.autosaveDir ? new AutosaveStore(resolve(options.autosaveDir)) : null;
    this.models = new ModelService({ ...this.options, jobs: this.jobs });
  }

  /** With a clip's id, the heads say what they can do on that clip (the paper's needs its SAM 2.1 tracker). */
  async getEngineInfo(mediaId?: string): Promise<EngineInfo> {
    const info = await this.models.engineInfo();
    const session = typeof mediaId === 'string' ? this.sessions.get(mediaId) : undefined;
    if (!session) return info;
    const paper = await this.models.paperHeadInfo(session.trackerModelId, this.noPaperTracker(session));
    return { ...info, heads: info.heads.map((h) => (h.id === paper.id ? paper : h)) };
  }

  async listDirectory(path?: string): Promise<DirListing> {
    const dir = resolve(path || homedir());
    const dirents = await readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
      throw new Error(`Cannot list ${dir}: ${err.code === 'ENOENT' ? 'no such folder' : err.message}`);
    });
    const entries = dirents
      .filter((d) => !d.name.startsWith('.') && (d.isDirectory() || LISTED_EXTENSIONS.has(extname(d.name).toLowerCase())))
      .map((d) => ({ name: d.name, path: join(dir, d.name), isDirectory: d.isDirectory() }))
      .sort((a, b) => Number(b.isDirectory) - Number(a.isDirectory) || a.name.localeCompare(b.name));
    const parent = dirname(dir);
    return { path: dir, parent: parent === dir ? null : parent, entries };
  }

  async openMedia(path: string): Promise<OpenedMedia> {
    return this.opened(await this.startSession(checkPath(path, 'a video, an image or an image sequence')));
  }

  async getFrame(mediaId: string, index: number, maxWidth?: number): Promise<RgbaImage> {
    const session = this.session(mediaId);
    return session.viewerFrames.getFrame(validateFrameIndex(index, session.info.frameCount), maxWidth);
  }

  async listObjects(mediaId: string): Promise<ObjectSummary[]> {
    const session = this.session(mediaId);
    // By id, so an object brought back by undo returns to its place.
    return [...session.objects.values()].sort((a, b) => a.objectId - b.objectId).map((o) => this.summary(session, o));
  }

  async createObject(mediaId: string, name?: string): Promise<ObjectSummary> {
    const session = this.session(mediaId);
    if (name !== undefined && typeof name !== 'string') throw new Error('An object name must be text.');
    return this.exclusive(session, async () => {
      const objectId = session.nextObjectId++;
      const object: TrackedObject = {
        objectId,
        name: name?.trim() || `Object ${objectId}`,
        color: objectColor(objectId),
        hidden: false,
        locked: false,
        ...DEFAULT_OVERLAY,
        matte: { ...NEUTRAL_MATTE },
        prompts: new Map(),
      };
      await this.edit(session, { kind: 'create-object', object });
      return this.summary(session, this.object(session, objectId));
    });
  }

  async removeObject(mediaId: string, objectId: ObjectId): Promise<void> {
    const session = this.session(mediaId);
    await this.exclusive(session, () => this.edit(session, { kind: 'remove-object', object: copyObject(this.object(session, objectId)) }));
  }

  async getPrompts(mediaId: string, objectId: ObjectId, frame: number): Promise<Prompt[]> {
    const session = this.session(mediaId);
    return this.object(session, objectId).prompts.get(validateFrameIndex(frame, session.info.frameCount)) ?? [];
  }

  async setPrompts(mediaId: string, objectId: ObjectId, frame: number, prompts: Prompt[]): Promise<FrameMask | null> {
    const session = this.session(mediaId);
    this.object(session, objectId);
    validateFrameIndex(frame, session.info.frameCount);
    const valid = validatePrompts(prompts, session.info.width, session.info.height);
    return this.exclusive(session, async () => {
      const object = this.object(session, objectId);
      if (object.locked) throw new Error(`${object.name} is locked; unlock it to change its prompts.`);
      const before = object.prompts.get(frame) ?? [];
      // Clearing a frame without prompts changes nothing worth an undo step.
      if (!before.length && !valid.length) return null;
      // An object's first prompts show what it covers: unless the editor chose its colour, it gets one that stands out from that.
      const recolour = object.prompts.size === 0 && object.color === objectColor(objectId);
      const edit: EditWithFrames = { kind: 'prompts', objectId, frame, before, after: valid };
      const result = await this.apply(session, edit, 'redo', true);
      if (recolour && result?.present) {
        edit.color = await this.colourAwayFromSubject(session, object, frame, result.mask);
        if (edit.color) object.color = edit.color.after;
      }
      this.record(session, edit);
      return result ? toFrameMask(result) : null;
    });
  }

  async getMask(mediaId: string, objectId: ObjectId, frame: number): Promise<FrameMask | null> {
    const session = this.session(mediaId);
    this.object(session, objectId);
    const result = session.engine.tracker.getResult(objectId, validateFrameIndex(frame, session.info.frameCount));
    return result ? toFrameMask(result) : null;
  }

  async needsImageFeatures(mediaId: string, frame: number): Promise<boolean> {
    const session = this.session(mediaId);
    return !(session.engine.tracker.hasImageFeatures?.(validateFrameIndex(frame, session.info.frameCount)) ?? true);
  }

  async updateObject(mediaId: string, objectId: ObjectId, patch: ObjectPatch): Promise<ObjectSummary> {
    const session = this.session(mediaId);
    return this.exclusive(session, async () => {
      const object = this.object(session, objectId);
      const before = objectMeta(object);
      const after = patchObjectMeta(before, patch);
      if (JSON.stringify(after) !== JSON.stringify(before)) await this.edit(session, { kind: 'update-object', objectId, before, after });
      return this.summary(session, object);
    });
  }

  async getTrimap(mediaId: string, frame: number, objectIds?: ObjectId[]): Promise<GrayImage> {
    const session = this.session(mediaId);
    validateFrameIndex(frame, session.info.frameCount);
    return session.engine.trimap(frame, this.selectedObjects(session, objectIds));
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
    return { ...this.session(mediaId).settings };
  }

  async updateSettings(mediaId: string, patch: Partial<ProjectSettings>): Promise<ProjectSettings> {
    const session = this.session(mediaId);
    // Only a head change needs the engine's list of heads (it checks the model files).
    const heads = patch && typeof patch === 'object' && 'head' in patch ? (await this.getEngineInfo()).heads.map((h) => h.id) : [];
    return this.exclusive(session, async () => {
      const before = session.settings;
      const after = patchSettings(before, patch, session.info.frameCount, heads);
      if (JSON.stringify(after) !== JSON.stringify(before)) await this.edit(session, { kind: 'settings', before, after });
      return { ...session.settings };
    });
  }

  undo(mediaId: string): Promise<HistoryStep | null> {
    return this.stepHistory(mediaId, 'undo');
  }

  redo(mediaId: string): Promise<HistoryStep | null> {
    return this.stepHistory(mediaId, 'redo');
  }

  /** Applies the history's next step back or forward, and moves the history past it. */
  private stepHistory(mediaId: string, direction: 'undo' | 'redo'): Promise<HistoryStep | null> {
    const session = this.session(mediaId);
    const { history } = session;
    return this.exclusive(session, async () => {
      const step = direction === 'undo' ? history.peekUndo() : history.peekRedo();
      if (!step) return null;
      await this.apply(session, step, direction, session.framesKept.includes(step));
      if (direction === 'undo') history.undid();
      else history.redid();
      this.changed(session);
      return { label: step.label, ...stepTarget(step), history: history.state() };
    });
  }

  async getHistory(mediaId: string): Promise<HistoryState> {
    return this.session(mediaId).history.state();
  }

  async saveProject(mediaId: string, path?: string): Promise<{ path: string; savedAt: string }> {
    const session = this.session(mediaId);
    const target = path === undefined || path === null ? session.projectPath : checkPath(path, 'the project file');
    if (!target) throw new Error('This clip has no project file yet: choose where to save it.');
    return this.exclusive(session, async () => {
      const revision = session.revision;
      const doc = await this.document(session, target);
      const savedAt = new Date().toISOString();
      await writeProjectFile(target, doc, savedAt);
      session.projectPath = target;
      session.savedRevision = revision;
      await this.dropAutosave(session);
      return { path: target, savedAt };
    });
  }

  async openProject(path: string): Promise<ProjectOpenResult> {
    const projectPath = checkPath(path, 'a project file');
    const doc = await readProjectFile(projectPath);
    const located = await this.locateMedia(doc, projectPath);
    if (typeof located !== 'string') return { status: 'missing-media', projectPath, mediaPath: doc.media.path, message: located.missing };
    const session = await this.startSession(located, doc, projectPath);
    // Found beside the project rather than where it was: the next save records where it is now.
    if (located !== doc.media.path) this.changed(session);
    return { status: 'opened', ...this.opened(session) };
  }

  async relinkProject(projectPath: string, searchFolder: string): Promise<ProjectOpenResult> {
    const path = checkPath(projectPath, 'a project file');
    const folder = checkPath(searchFolder, 'a folder to search');
    const doc = await readProjectFile(path);
    const { media } = doc;
    const found = await findMedia(folder, { name: basename(media.path), size: media.size, hash: media.hash });
    if (!found) {
      const how = media.hash ? 'the same size and content' : `the name ${basename(media.path)}`;
      return { status: 'missing-media', projectPath: path, mediaPath: media.path, message: `No file under ${folder} has ${how} as ${media.path}.` };
    }
    const session = await this.startSession(found, doc, path);
    // The project now points at the media where it was found; saved at once (the previous file stays as .bak).
    // Where it cannot be saved the session stays open with the change unsaved (and autosaved).
    this.changed(session);
    await this.saveProject(session.id).catch((err: unknown) => console.error((err as Error).message));
    return { status: 'opened', ...this.opened(session) };
  }

  /**
   * Unsaved work of sessions that did not close: autosaves of crashed or killed runs, and also
   * sessions still open here whose editor went away (a reloaded browser page), so those too can be taken up again.
   */
  async listRecoveries(): Promise<Recovery[]> {
    if (!this.autosaves) return [];
    await this.flushAutosaves();
    return this.autosaves.list();
  }

  async restoreRecovery(id: string): Promise<OpenedMedia> {
    const store = this.recoveryStore();
    const live = this.sessions.get(id);
    // Still open: the editor takes it up as it is, masks and undo history included.
    if (live) return this.opened(live);
    const { doc, projectPath } = await store.read(id);
    const located = await this.locateMedia(doc, projectPath);
    if (typeof located !== 'string') throw new Error(`Cannot restore: ${located.missing}`);
    const session = await this.startSession(located, doc, projectPath);
    // Unsaved work again: it is autosaved under the new session before the old autosave goes.
    session.savedRevision = -1;
    this.changed(session);
    await session.autosave!.flush();
    await store.remove(id);
    return this.opened(session);
  }

  async discardRecovery(id: string): Promise<void> {
    const store = this.recoveryStore();
    const live = this.sessions.get(id);
    if (live) await this.closeSession(live, 'discard');
    await store.remove(id);
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

  async getMatte(mediaId: string, frame: number, objectIds?: ObjectId[], quality?: MattingQuality): Promise<Matte> {
    const session = this.session(mediaId);
    validateFrameIndex(frame, session.info.frameCount);
    const { head, quality: chosen } = session.settings;
    const targets = this.selectedObjects(session, objectIds).map((id) => matteTarget(this.object(session, id)));
    const { alpha, source } = await session.engine.renderFrame(frame, targets, { head, quality: quality ?? chosen });
    return { ...alpha, source };
  }

  /**
   * Tracks, per object, the frames of the request's direction that are stale or untracked, each run from the
   * anchor behind it (a keyframe or a fresh frame); a correction re-tracks only the stale frames around its frame,
   * up to the neighbouring keyframes. Fresh frames stay as they are. Progress counts the frames tracked.
   */
  async propagate(mediaId: string, request: PropagateRequest): Promise<{ jobId: string }> {
    const session = this.session(mediaId);
    const objectIds = this.selectedObjects(session, request.objectIds).filter((id) => this.object(session, id).prompts.size > 0);
    if (!objectIds.length) throw new Error('Nothing to propagate: prompt an object on a frame first.');
    const { frameCount } = session.info;
    const range = {
      start: validateFrameIndex(request.rangeStart ?? session.settings.inPoint ?? 0, frameCount),
      end: validateFrameIndex(request.rangeEnd ?? session.settings.outPoint ?? frameCount - 1, frameCount),
    };
    if (request.startFrame !== undefined) validateFrameIndex(request.startFrame, frameCount);
    if (!request.correction) this.requireAnchorInRange(session, objectIds, range.start, range.end);
    const plan = objectIds.flatMap((objectId) => this.retrackRuns(session, objectId, request, range).map((run) => ({ objectId, run })));
    const total = plan.reduce((n, { run }) => n + runLength(run), 0);
    const revision = session.derivedRevision;
    const jobId = this.jobs.start('propagate', mediaId, async (signal, id) => {
      const progress = (done: number) => this.emit({ jobId: id, kind: 'propagate', type: 'progress', done, total });
      progress(0);
      // An anchor is reported by each run that starts from it: once is enough.
      const reported = new Set<string>();
      let done = 0;
      for (const { objectId, run } of plan) {
        const part: PropagateRequest = {
          objectIds: [objectId],
          direction: run.direction,
          startFrame: run.anchor,
          rangeStart: Math.min(run.anchor, run.from),
          rangeEnd: Math.max(run.anchor, run.to),
        };
        for await (const result of session.engine.tracker.propagate(part, signal)) {
          const key = `${objectId}:${result.frame}`;
          if (!reported.has(key)) this.emit({ jobId: id, kind: 'propagate', type: 'frame', objectId, frame: result.frame, score: result.score, present: result.present });
          reported.add(key);
          if (result.frame === run.anchor) continue;
          // Prompts changed while it ran: what it tracks since may come from the old ones, so it stays stale.
          const object = session.objects.get(objectId);
          if (session.derivedRevision === revision) session.stale.get(objectId)?.delete(result.frame);
          else if (object && !object.prompts.has(result.frame)) this.staleOf(session, objectId).set(result.frame, run.direction);
          progress(++done);
        }
      }
    });
    return { jobId };
  }

  /** A tracker starts from a keyframe or a tracked frame; one outside the range would leave the range empty. */
  private requireAnchorInRange(session: MediaSession, objectIds: ObjectId[], rangeStart: number, rangeEnd: number): void {
    for (const objectId of objectIds) {
      const object = this.object(session, objectId);
      let anchored = false;
      for (let f = rangeStart; f <= rangeEnd && !anchored; f++) anchored = object.prompts.has(f) || session.engine.tracker.getResult(objectId, f) !== undefined;
      if (!anchored)
        throw new Error(
          `${object.name} has no keyframe and no tracked frame between frames ${rangeStart} and ${rangeEnd}: prompt it inside the range, or widen the in/out points.`,
        );
    }
  }

  /**
   * The runs a request tracks for one object. A correction reaches from the keyframe before its frame to the
   * keyframe after it; a start frame with one direction limits the range to that side of it.
   */
  private retrackRuns(session: MediaSession, objectId: ObjectId, request: PropagateRequest, range: FrameSpan): RetrackRun[] {
    const facts = this.trackFacts(session, this.object(session, objectId));
    const start = request.startFrame;
    const last = facts.frameCount - 1;
    let scope = range;
    if (request.correction) {
      if (start === undefined) throw new Error('A correction needs the frame it was made on (startFrame).');
      const span = keyframeSpan(start, facts.isKey, facts.frameCount);
      scope = within({ start: Math.max(0, span.start - 1), end: Math.min(last, span.end + 1) }, range);
    } else if (start !== undefined && request.direction !== 'both') {
      scope = within(request.direction === 'forward' ? { start, end: last } : { start: 0, end: start }, range);
    }
    const statuses = Array.from({ length: facts.frameCount }, (_, f) => frameStatus(facts, f));
    return planRetrack(statuses, { direction: request.direction, range: scope, untracked: !request.correction });
  }

  async exportMatte(request: ExportRequest): Promise<{ jobId: string }> {
    const session = this.session(exportMediaId(request));
    const objects = [...session.objects.values()].sort((a, b) => a.objectId - b.objectId);
    const plan = planExport(request, { info: session.info, settings: session.settings, objects });
    // The head and each object's controls as they are now: edits while it runs do not change it halfway.
    const choice = { head: session.settings.head, quality: exportQuality(request) };
    const targets = new Map(objects.map((o) => [o.objectId, matteTarget(o)]));
    const jobId = this.jobs.start('export', session.id, (signal, id) =>
      runExport(plan, {
        info: session.info,
        engine: session.engine,
        targets,
        choice,
        signal,
        onProgress: (done, total) => this.emit({ jobId: id, kind: 'export', type: 'progress', done, total }),
      }),
    );
    return { jobId };
  }

  async cancelJob(jobId: string): Promise<void> {
    this.jobs.cancel(jobId);
  }

  /** Writes every pending autosave now (before a signal ends the process). */
  async flushAutosaves(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => s.autosave?.flush()));
  }

  /**
   * Stops every job and decoder; for shutdown. A clean close removes the autosaves of saved work;
   * work never saved to a project keeps its autosave, so the next start offers it rather than losing it.
   */
  async close(): Promise<void> {
    await Promise.all([...this.sessions.values()].map((s) => this.closeSession(s, s.revision === s.savedRevision ? 'discard' : 'keep')));
  }

  private async closeSession(session: MediaSession, autosave: 'keep' | 'discard'): Promise<void> {
    this.sessions.delete(session.id);
    this.jobs.cancelOwner(session.id);
    session.reader.close();
    session.viewerFrames.close();
    await session.engine.close();
    await (autosave === 'keep' ? session.autosave?.flush() : this.dropAutosave(session));
  }

  /** SAM 2.1 through the model manager (pins checked, providers shown) when a model is installed, else the classic tracker. */
  private async openTracker(source: FrameReader) {
    const manifest = this.options.manifestPath ? await loadManifest(this.options.manifestPath) : undefined;
    return createTracker(source, this.options.modelsDir, manifest, {
      ...this.options.sam2,
      openRunner: (model) => this.models.openRunner(model.id, { extend: () => model }),
    });
  }

  /** Why the paper's head cannot run on a clip tracked without SAM 2.1. */
  private noPaperTracker(session: Pick<MediaSession, 'tracker'>): string {
    return `SAM2Matting (paper) runs on the SAM 2.1 tracker's own features; this clip runs ${session.tracker.name}${session.tracker.fallbackReason ? ` (${session.tracker.fallbackReason})` : ''}.`;
  }

  private async startSession(mediaPath: string, doc?: ProjectDocument, projectPath: string | null = null): Promise<MediaSession> {
    const info = await probeMedia(mediaPath);
    const reader = new FrameReader(info);
    const { tracker, name, fallbackReason, modelId } = await this.openTracker(reader);
    const id = randomUUID();
    const openPaperHeads = () =>
      modelId ? this.models.openPaperHeads(modelId) : Promise.reject(new ModelError('unsupported', this.noPaperTracker({ tracker: { name, fallbackReason } })));
    const session: MediaSession = {
      id,
      info,
      reader,
      viewerFrames: new ViewerFrames(reader),
      // Masks, mattes and exports all read the tracker through this: exclusive objects while the project asks for them.
      engine: new Engine(reader, new ExclusiveMasks(tracker, () => (session.settings.exclusive ? [...session.objects.keys()].sort((a, b) => a - b) : null)), {
        modelsDir: this.options.modelsDir,
        openPaperHeads,
        // ONNX matting heads open like the tracker's modules: the configured manifest, pins checked, in a worker, providers with reasons.
        headModels: this.models.headModels,
      }),
      tracker: { name, fallbackReason },
      trackerModelId: modelId,
      objects: new Map(),
      stale: new Map(),
      framesKept: [],
      derivedRevision: 0,
      nextObjectId: 1,
      settings: defaultSettings(),
      history: new History(),
      projectPath,
      revision: 0,
      savedRevision: 0,
      autosavedRevision: 0,
      autosave: null,
      fingerprint: null,
      edits: Promise.resolve(),
    };
    if (doc) {
      try {
        await this.restoreDocument(session, doc);
      } catch (err) {
        reader.close();
        session.viewerFrames.close();
        await tracker.close?.();
        throw new Error(`Cannot open the project${projectPath ? ` ${projectPath}` : ''}: ${(err as Error).message}`);
      }
    }
    const store = this.autosaves;
    if (store) {
      const save = async () => {
        const revision = session.revision;
        if (revision === session.autosavedRevision) return;
        await store.write(session.id, session.projectPath, await this.document(session, session.projectPath));
        session.autosavedRevision = revision;
      };
      const onError = (err: unknown) => console.error(`Autosave of ${info.path} failed: ${(err as Error).message}`);
      session.autosave = new SaveScheduler(AUTOSAVE_DELAY_MS, save, onError);
    }
    this.sessions.set(id, session);
    return session;
  }

  /** Puts a project's objects, prompts and settings into a fresh session; the tracker re-derives every mask from the prompts. */
  private async restoreDocument(session: MediaSession, doc: ProjectDocument): Promise<void> {
    const { width, height, frameCount } = session.info;
    for (const object of doc.objects) {
      for (const [frame, prompts] of object.prompts) {
        try {
          validateFrameIndex(frame, frameCount);
          validatePrompts(prompts, width, height);
        } catch (err) {
          throw new Error(`${object.name}, frame ${frame}: ${(err as Error).message}`);
        }
      }
    }
    const { head, ...rest } = doc.settings;
    session.settings = { ...patchSettings(defaultSettings(), rest, frameCount, []), head };
    session.nextObjectId = doc.nextObjectId;
    for (const object of doc.objects) await this.addObject(session, copyObject(object));
  }

  /** An object and its masks, re-derived from its prompts in frame order. */
  private async addObject(session: MediaSession, object: TrackedObject): Promise<void> {
    for (const frame of [...object.prompts.keys()].sort((a, b) => a - b)) await session.engine.tracker.setPrompts(object.objectId, frame, object.prompts.get(frame)!);
    session.objects.set(object.objectId, object);
  }

  private exclusive<T>(session: MediaSession, work: () => Promise<T>): Promise<T> {
    const result = session.edits.then(work);
    session.edits = result.catch(() => undefined);
    return result;
  }

  /** Applies an edit and records it for undo; nothing is recorded when applying fails. */
  private async edit(session: MediaSession, edit: EditWithFrames): Promise<TrackResult | null> {
    const result = await this.apply(session, edit, 'redo', true);
    this.record(session, edit);
    return result;
  }

  private record(session: MediaSession, edit: EditWithFrames): void {
    const entry: HistoryEntry = { ...edit, label: describeEdit(edit) };
    session.history.record(entry);
    if (entry.derived) {
      session.framesKept.push(entry);
      if (session.framesKept.length > EDITS_WITH_FRAMES) session.framesKept.shift()!.derived = undefined;
    }
    this.changed(session);
  }

  /** The colour change that sets an object apart from the frame under its mask, if it needs one. */
  private async colourAwayFromSubject(session: MediaSession, object: TrackedObject, frame: number, mask: GrayImage): Promise<{ before: string; after: string } | undefined> {
    const subject = meanColourUnder(await session.reader.getFrame(frame), mask);
    const others = [...session.objects.values()].filter((o) => o !== object).map((o) => o.color);
    const color = subject && colourAwayFrom(subject, others);
    return color && color !== object.color ? { before: object.color, after: color } : undefined;
  }

  /**
   * Forward ('redo', also the first time) or back ('undo'); prompts go through the tracker so masks follow.
   * With keepFrames the derived frames the edit changes are kept with it, and put back exactly when they were kept.
   */
  private async apply(session: MediaSession, edit: EditWithFrames, direction: 'undo' | 'redo', keepFrames: boolean): Promise<TrackResult | null> {
    const forward = direction === 'redo';
    if (edit.kind === 'prompts' || edit.kind === 'create-object' || edit.kind === 'remove-object') session.derivedRevision++;
    // The derived frames of the state being entered, and where those of the state being left go.
    const entering = forward ? 'after' : 'before';
    const leaving = forward ? 'before' : 'after';
    switch (edit.kind) {
      case 'prompts': {
        const object = this.object(session, edit.objectId);
        const span = edit.derived?.span ?? keyframeSpan(edit.frame, (f) => object.prompts.has(f), session.info.frameCount);
        const left = keepFrames ? this.saveDerived(session, edit.objectId, span) : undefined;
        const saved = edit.derived?.[entering];
        const prompts = forward ? edit.after : edit.before;
        let result: TrackResult | null = null;
        if (saved) {
          this.restoreDerived(session, edit.objectId, saved);
          storePrompts(object, edit.frame, prompts);
        } else result = await this.promptsThroughTracker(session, object, edit.frame, prompts);
        if (left) edit.derived = { ...edit.derived, span, [leaving]: left };
        if (edit.color) object.color = forward ? edit.color.after : edit.color.before;
        return result;
      }
      case 'create-object':
      case 'remove-object': {
        const { objectId } = edit.object;
        if (forward === (edit.kind === 'create-object')) {
          const saved = edit.derived?.[entering];
          // Without its kept frames (an old edit) the object's masks are derived again from its prompts.
          if (saved) {
            this.restoreDerived(session, objectId, saved);
            session.objects.set(objectId, copyObject(edit.object));
          } else await this.addObject(session, copyObject(edit.object));
        } else {
          const span = { start: 0, end: session.info.frameCount - 1 };
          if (keepFrames) edit.derived = { ...edit.derived, span, [leaving]: this.saveDerived(session, objectId, span) };
          session.engine.tracker.clearObject(objectId);
          session.objects.delete(objectId);
          session.stale.delete(objectId);
        }
        return null;
      }
      case 'update-object':
        Object.assign(this.object(session, edit.objectId), forward ? edit.after : edit.before);
        return null;
      case 'settings':
        session.settings = forward ? edit.after : edit.before;
        return null;
    }
  }

  /** New prompts through the tracker, then the frames they invalidate marked stale. */
  private async promptsThroughTracker(session: MediaSession, object: TrackedObject, frame: number, prompts: Prompt[]): Promise<TrackResult | null> {
    const { tracker } = session.engine;
    const { objectId } = object;
    const wasTracked = tracker.getResult(objectId, frame) !== undefined;
    const result = await tracker.setPrompts(objectId, frame, prompts);
    // Prompts are stored only once the tracker took them, so a failing engine leaves the last good state.
    storePrompts(object, frame, prompts);
    const stale = this.staleOf(session, objectId);
    stale.delete(frame);
    if (object.prompts.size === 0) {
      // No prompt is left to derive a mask from: the masks that were go with them.
      tracker.clearObject(objectId);
      stale.clear();
      return result;
    }
    staleAfterPromptChange(this.trackFacts(session, object), frame, wasTracked).forEach((direction, f) => stale.set(f, direction));
    return result;
  }

  private staleOf(session: MediaSession, objectId: ObjectId): Map<number, TrackDirection> {
    let stale = session.stale.get(objectId);
    if (!stale) session.stale.set(objectId, (stale = new Map()));
    return stale;
  }

  private trackFacts(session: MediaSession, object: TrackedObject): TrackFacts {
    const { tracker } = session.engine;
    return {
      frameCount: session.info.frameCount,
      isKey: (f) => object.prompts.has(f),
      hasMask: (f) => tracker.getResult(object.objectId, f) !== undefined,
      stale: this.staleOf(session, object.objectId),
    };
  }

  private saveDerived(session: MediaSession, objectId: ObjectId, span: FrameSpan): DerivedFrames {
    return { tracker: session.engine.tracker.saveFrames(objectId, span.start, span.end), stale: pickFrames(session.stale.get(objectId), span.start, span.end) };
  }

  private restoreDerived(session: MediaSession, objectId: ObjectId, saved: DerivedFrames): void {
    session.engine.tracker.restoreFrames(saved.tracker);
    replaceFrames(this.staleOf(session, objectId), saved.stale, saved.tracker.start, saved.tracker.end);
  }

  private changed(session: MediaSession): void {
    session.revision++;
    session.autosave?.changed();
  }

  /** The session's truth as a project document; the media path is also kept relative to the project's folder. */
  private async document(session: MediaSession, projectPath: string | null): Promise<ProjectDocument> {
    session.fingerprint ??= fingerprintMedia(session.info.path);
    const { size, hash } = await session.fingerprint;
    const path = session.info.path;
    return {
      media: { path, relativePath: projectPath ? relative(dirname(projectPath), path) : null, size, hash },
      tracker: session.engine.tracker.name,
      settings: { ...session.settings },
      nextObjectId: session.nextObjectId,
      objects: [...session.objects.values()].map(copyObject),
    };
  }

  /** The saved state is in the project file now; the autosave is only needed again after the next change. */
  private async dropAutosave(session: MediaSession): Promise<void> {
    if (!session.autosave || !this.autosaves) return;
    session.autosave.cancel();
    await session.autosave.flush();
    session.autosavedRevision = session.revision;
    await this.autosaves.remove(session.id);
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
    if (!this.autosaves) throw new Error('Autosave is off in this session, so there are no recoveries.');
    return this.autosaves;
  }

  private opened(session: MediaSession): OpenedMedia {
    const { id: mediaId, info, tracker, projectPath } = session;
    return { mediaId, info, tracker, workFolder: resolve(this.options.workDir ?? defaultWorkDir()), ...(projectPath ? { projectPath } : {}) };
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
      color: object.color,
      hidden: object.hidden,
      locked: object.locked,
      overlay: object.overlay,
      opacity: object.opacity,
      promptFrames: [...object.prompts.keys()].sort((a, b) => a - b),
      trackedFrames,
      staleFrames: [...(session.stale.get(object.objectId)?.keys() ?? [])].sort((a, b) => a - b),
      matte: { ...object.matte },
    };
  }
}
