/**
 * One open clip: its media and engine, its objects and their tracks, its settings, the edits on them with
 * their undo history, and its save state (project file, autosave). Edits run one at a time.
 */
import { StudioError } from '../../../shared/errors';
import { dirname, relative } from 'node:path';
import {
  DEFAULT_OVERLAY,
  type EngineInfo,
  type FrameMask,
  type FrameStat,
  type HistoryState,
  type HistoryStep,
  type Matte,
  type ObjectPatch,
  type ObjectSummary,
  type ProjectSettings,
} from '../../../shared/api';
import type { MattingQuality, TrackResult } from '../../../shared/engine';
import { NEUTRAL_MATTE } from '../../../shared/matte-controls';
import type { GrayImage, MediaInfo, RgbaImage } from '../../../shared/media';
import type { ObjectId, Prompt } from '../../../shared/prompts';
import { validateFrameIndex, validatePrompts } from '../../../shared/validate-prompts';
import { Engine, type EngineOptions, type MatteTarget } from '../../engine/engine';
import type { CreatedTracker } from '../../engine/tracker/create-tracker';
import { meanColourUnder } from '../../imaging/mean-colour';
import type { FrameReader } from '../../media/frame-reader';
import type { ViewerFrames } from '../../media/viewer-frames';
import type { AutosaveStore } from '../../project/autosave';
import { fingerprintMedia, type MediaFingerprint } from '../../project/media-fingerprint';
import { colourAwayFrom, objectColor } from '../../project/object-colors';
import { patchObjectMeta } from '../../project/object-meta';
import { copyObject, objectMeta, type ProjectDocument, type ProjectObject } from '../../project/project-model';
import { defaultSettings, patchSettings } from '../../project/settings';
import type { ModelService } from '../model-service';
import { ObjectCommand, ObjectMetaCommand, PromptsCommand, SettingsCommand, type EditCommand, type EditScope } from './edit-commands';
import { ClipSaves } from './clip-saves';
import { EditHistory } from './edit-history';
import { ObjectTracks } from './object-tracks';

/** What a clip is made of, opened by OpenClips. */
export interface ClipParts {
  id: string;
  info: MediaInfo;
  reader: FrameReader;
  /** The viewer's frames, proxies included. */
  viewerFrames: ViewerFrames;
  tracker: CreatedTracker;
  engineOptions: EngineOptions;
  /** The project file the clip saves to, once it has one. */
  projectPath: string | null;
  /** Where the clip autosaves; no autosave when null. */
  autosaves: AutosaveStore | null;
}

/** Why the paper's head cannot run on a clip tracked without SAM 2.1. */
export function noPaperTracker(tracker: { name: string; fallbackReason: string | null }): string {
  return `SAM2Matting (paper) runs on the SAM 2.1 tracker's own features; this clip runs ${tracker.name}${tracker.fallbackReason ? ` (${tracker.fallbackReason})` : ''}.`;
}

function toFrameMask(result: TrackResult): FrameMask {
  const { objectId, frame, mask, score, present, source } = result;
  return { objectId, frame, mask, score, present, source };
}

export function matteTarget(object: ProjectObject): MatteTarget {
  return { objectId: object.objectId, controls: object.matte };
}

export class ClipSession implements EditScope {
  readonly id: string;
  readonly info: MediaInfo;
  private readonly reader: FrameReader;
  readonly viewerFrames: ViewerFrames;
  readonly engine: Engine;
  readonly tracks: ObjectTracks;
  /** The tracker this clip runs on, and why it is the classic fallback when it is. */
  readonly tracker: { name: string; fallbackReason: string | null };
  /** The SAM 2.1 model the tracker runs (the paper's heads pair with it); null for the classic tracker. */
  readonly trackerModelId: string | null;
  /** In/out points, head and quality; propagation and export read them from here. */
  settings: ProjectSettings = defaultSettings();
  private nextObjectId: ObjectId = 1;
  private readonly history = new EditHistory();
  /** Edits run one at a time, so each sees the state the previous one left. */
  private edits: Promise<unknown> = Promise.resolve();
  /** Its project file and autosave. */
  readonly saves: ClipSaves;
  private fingerprint: Promise<MediaFingerprint> | null = null;

  constructor(parts: ClipParts) {
    const { id, info, reader, tracker, autosaves } = parts;
    this.id = id;
    this.info = info;
    this.reader = reader;
    this.viewerFrames = parts.viewerFrames;
    this.tracker = { name: tracker.name, fallbackReason: tracker.fallbackReason };
    this.trackerModelId = tracker.modelId;
    this.tracks = new ObjectTracks(tracker.tracker, info.frameCount, () => this.settings.exclusive);
    this.engine = new Engine(reader, this.tracks.tracker, parts.engineOptions);
    this.saves = new ClipSaves(id, parts.projectPath, autosaves, (projectPath) => this.document(projectPath), info.path);
  }

  /** The heads say what they can do on this clip (the paper's needs its SAM 2.1 tracker). */
  async engineInfo(models: ModelService): Promise<EngineInfo> {
    const info = await models.engineInfo();
    const paper = await models.paperHeadInfo(this.trackerModelId, noPaperTracker(this.tracker));
    return { ...info, heads: info.heads.map((h) => (h.id === paper.id ? paper : h)) };
  }

  async getFrame(index: number, maxWidth?: number): Promise<RgbaImage> {
    return this.viewerFrames.getFrame(validateFrameIndex(index, this.info.frameCount), maxWidth);
  }

  async listObjects(): Promise<ObjectSummary[]> {
    return this.tracks.sorted().map((o) => this.tracks.summary(o));
  }

  async createObject(name?: string): Promise<ObjectSummary> {
    if (name !== undefined && typeof name !== 'string') throw new StudioError('bad-request', 'An object name must be text.');
    return this.exclusive(async () => {
      const objectId = this.nextObjectId++;
      const object: ProjectObject = {
        objectId,
        name: name?.trim() || `Object ${objectId}`,
        color: objectColor(objectId),
        hidden: false,
        locked: false,
        ...DEFAULT_OVERLAY,
        matte: { ...NEUTRAL_MATTE },
        prompts: new Map(),
      };
      await this.edit(new ObjectCommand({ kind: 'create-object', object }));
      return this.tracks.summary(this.tracks.get(objectId));
    });
  }

  async removeObject(objectId: ObjectId): Promise<void> {
    await this.exclusive(() => this.edit(new ObjectCommand({ kind: 'remove-object', object: copyObject(this.tracks.get(objectId)) })));
  }

  async updateObject(objectId: ObjectId, patch: ObjectPatch): Promise<ObjectSummary> {
    return this.exclusive(async () => {
      const object = this.tracks.get(objectId);
      const before = objectMeta(object);
      const after = patchObjectMeta(before, patch);
      if (JSON.stringify(after) !== JSON.stringify(before)) await this.edit(new ObjectMetaCommand({ kind: 'update-object', objectId, before, after }));
      return this.tracks.summary(object);
    });
  }

  async getPrompts(objectId: ObjectId, frame: number): Promise<Prompt[]> {
    return this.tracks.get(objectId).prompts.get(validateFrameIndex(frame, this.info.frameCount)) ?? [];
  }

  async setPrompts(objectId: ObjectId, frame: number, prompts: Prompt[]): Promise<FrameMask | null> {
    this.tracks.get(objectId);
    validateFrameIndex(frame, this.info.frameCount);
    const valid = validatePrompts(prompts, this.info.width, this.info.height);
    return this.exclusive(async () => {
      const object = this.tracks.get(objectId);
      if (object.locked) throw new StudioError('bad-request', `${object.name} is locked; unlock it to change its prompts.`);
      const before = object.prompts.get(frame) ?? [];
      // Clearing a frame without prompts changes nothing worth an undo step.
      if (!before.length && !valid.length) return null;
      // An object's first prompts show what it covers: unless the editor chose its colour, it gets one that stands out from that.
      const recolour = object.prompts.size === 0 && object.color === objectColor(objectId);
      const command = new PromptsCommand({ kind: 'prompts', objectId, frame, before, after: valid });
      const result = await command.apply(this, true);
      if (recolour && result?.present) {
        command.edit.color = await this.colourAwayFromSubject(object, frame, result.mask);
        if (command.edit.color) object.color = command.edit.color.after;
      }
      this.record(command);
      return result ? toFrameMask(result) : null;
    });
  }

  async getMask(objectId: ObjectId, frame: number): Promise<FrameMask | null> {
    this.tracks.get(objectId);
    const result = this.tracks.tracker.getResult(objectId, validateFrameIndex(frame, this.info.frameCount));
    return result ? toFrameMask(result) : null;
  }

  async needsImageFeatures(frame: number): Promise<boolean> {
    return !(this.tracks.tracker.hasImageFeatures?.(validateFrameIndex(frame, this.info.frameCount)) ?? true);
  }

  async getMatte(frame: number, objectIds?: ObjectId[], quality?: MattingQuality): Promise<Matte> {
    validateFrameIndex(frame, this.info.frameCount);
    const { head, quality: chosen } = this.settings;
    const targets = this.tracks.select(objectIds).map((id) => matteTarget(this.tracks.get(id)));
    const { alpha, source } = await this.engine.renderFrame(frame, targets, { head, quality: quality ?? chosen });
    return { ...alpha, source };
  }

  async getTrimap(frame: number, objectIds?: ObjectId[]): Promise<GrayImage> {
    validateFrameIndex(frame, this.info.frameCount);
    return this.engine.trimap(frame, this.tracks.select(objectIds));
  }

  async getTrackStats(objectId: ObjectId): Promise<FrameStat[]> {
    return this.tracks.stats(objectId);
  }

  async getSettings(): Promise<ProjectSettings> {
    return { ...this.settings };
  }

  async updateSettings(patch: Partial<ProjectSettings>, models: ModelService): Promise<ProjectSettings> {
    // Only a head change needs the engine's list of heads (it checks the model files).
    const heads = patch && typeof patch === 'object' && 'head' in patch ? (await models.engineInfo()).heads.map((h) => h.id) : [];
    return this.exclusive(async () => {
      const before = this.settings;
      const after = patchSettings(before, patch, this.info.frameCount, heads);
      if (JSON.stringify(after) !== JSON.stringify(before)) await this.edit(new SettingsCommand({ kind: 'settings', before, after }));
      return { ...this.settings };
    });
  }

  undo(): Promise<HistoryStep | null> {
    return this.stepHistory('undo');
  }

  redo(): Promise<HistoryStep | null> {
    return this.stepHistory('redo');
  }

  async getHistory(): Promise<HistoryState> {
    return this.history.state();
  }

  /** Runs work after every edit queued before it. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.edits.then(work);
    this.edits = result.catch(() => undefined);
    return result;
  }

  /** Puts a project's objects, prompts and settings into this fresh clip; the tracker re-derives every mask from the prompts. */
  async restore(doc: ProjectDocument): Promise<void> {
    const { width, height, frameCount } = this.info;
    for (const object of doc.objects) {
      for (const [frame, prompts] of object.prompts) {
        try {
          validateFrameIndex(frame, frameCount);
          validatePrompts(prompts, width, height);
        } catch (err) {
          throw new StudioError('project-invalid', `${object.name}, frame ${frame}: ${(err as Error).message}`);
        }
      }
    }
    const { head, ...rest } = doc.settings;
    this.settings = { ...patchSettings(defaultSettings(), rest, frameCount, []), head };
    this.nextObjectId = doc.nextObjectId;
    for (const object of doc.objects) await this.tracks.add(copyObject(object));
  }

  /** The clip's truth as a project document; the media path is also kept relative to the project's folder. */
  async document(projectPath: string | null): Promise<ProjectDocument> {
    this.fingerprint ??= fingerprintMedia(this.info.path);
    const { size, hash } = await this.fingerprint;
    const path = this.info.path;
    return {
      media: { path, relativePath: projectPath ? relative(dirname(projectPath), path) : null, size, hash },
      tracker: this.tracks.tracker.name,
      settings: { ...this.settings },
      nextObjectId: this.nextObjectId,
      objects: [...this.tracks.objects.values()].map(copyObject),
    };
  }

  /** Frees the decoders and the engine; the autosave is written out (keep) or removed (discard). */
  async close(autosave: 'keep' | 'discard'): Promise<void> {
    this.reader.close();
    this.viewerFrames.close();
    await this.engine.close();
    await this.saves.close(autosave);
  }

  /** Applies a command for the first time and records it for undo; nothing is recorded when applying fails. */
  private async edit(command: EditCommand): Promise<void> {
    await command.apply(this, true);
    this.record(command);
  }

  private record(command: EditCommand): void {
    this.history.record(command);
    this.saves.changed();
  }

  private stepHistory(direction: 'undo' | 'redo'): Promise<HistoryStep | null> {
    return this.exclusive(async () => {
      const command = await this.history.step(this, direction);
      if (!command) return null;
      this.saves.changed();
      return { label: command.label, ...command.target, history: this.history.state() };
    });
  }

  /** The colour change that sets an object apart from the frame under its mask, if it needs one. */
  private async colourAwayFromSubject(object: ProjectObject, frame: number, mask: GrayImage): Promise<{ before: string; after: string } | undefined> {
    const subject = meanColourUnder(await this.reader.getFrame(frame), mask);
    const others = [...this.tracks.objects.values()].filter((o) => o !== object).map((o) => o.color);
    const color = subject && colourAwayFrom(subject, others);
    return color && color !== object.color ? { before: object.color, after: color } : undefined;
  }
}
