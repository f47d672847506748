/**
 * The typed API between the renderer and the main-process services. Electron carries it over
 * ipcMain/contextBridge, the browser host over a WebSocket; both call the same service object.
 */
import type { FrameRange } from './common/frame-range';
import type { MattingQuality, PropagateRequest, TrackResult } from './engine';
import type { EngineInfo, FrameStat, MatteSource } from './engine-info';
import type { ErrorCode, ErrorInfo } from './errors';
import type { MatteControls } from './matte-controls';
import type { GrayImage, MediaInfo, RgbaImage } from './media';
import type { ModelStatus } from './models';
import type { ObjectId, Prompt } from './prompts';

// What the engine reports lives in engine-info.ts, as the engine must not import the UI's API; re-exported for callers.
export type { DriftReason, EngineInfo, FrameStat, HeadInfo, MatteSource } from './engine-info';

/** 'mask': the tracker's own mask, 0 or 255, no matting (to score the tracker alone). */
export type ExportFormat = 'prores4444' | 'png' | 'matte' | 'exr' | 'mask';

/** Formats whose frames are one grey channel. */
export const isGreyFormat = (format: ExportFormat) => format === 'matte' || format === 'mask';

export type AlphaMode = 'straight' | 'premultiplied';

/** Colour is premultiplied by alpha in an OpenEXR file unless asked otherwise (compositors expect it); straight elsewhere. */
export function defaultAlphaMode(format: ExportFormat): AlphaMode {
  return format === 'exr' ? 'premultiplied' : 'straight';
}

/** How OpenEXR pixels are stored: zlib over 16 scanlines (zip), over one (zips), or raw (none). */
export type ExrCompression = 'zip' | 'zips' | 'none';

export const EXR_COMPRESSIONS: readonly ExrCompression[] = ['zip', 'zips', 'none'];

/** What only an OpenEXR export asks; EXR_DEFAULTS where omitted. */
export interface ExrOptions {
  compression?: ExrCompression;
  /** Each object's layer holds its foreground colour (<layer>.R/G/B) beside its matte (<layer>.A). */
  objectColour?: boolean;
}

export const EXR_DEFAULTS: Required<ExrOptions> = { compression: 'zip', objectColour: false };

export interface ExportRequest {
  mediaId: string;
  format: ExportFormat;
  /** A .mov file for prores4444, a folder for png, matte and exr. */
  outputPath: string;
  /** Objects merged into the matte; all objects when omitted. */
  objectIds?: ObjectId[];
  /** Colour straight or premultiplied by alpha; defaultAlphaMode(format) when omitted. */
  alphaMode?: AlphaMode;
  /** Only with format exr. */
  exr?: ExrOptions;
  /** The frames to export; the in/out points (else the whole clip) when omitted. */
  range?: FrameRange;
  /** One matte of all chosen objects merged (default), or one output per object named after it. */
  split?: 'merged' | 'per-object';
  /** The matting head's quality; 'final' (what exports are for) when omitted. */
  quality?: MattingQuality;
}

export interface ExportResult {
  outputPath: string;
  frames: number;
  /** Every file or folder written (one per object when split is per-object). */
  outputs?: string[];
}

export interface OpenedMedia {
  mediaId: string;
  info: MediaInfo;
  /** The project file this session saves to, once it has one. */
  projectPath?: string;
  /** The tracker this clip runs on, and why it is the fallback when it is. */
  tracker?: { name: string; fallbackReason: string | null };
  /** Where saves and exports go by default until the clip has a project file (then its folder): never beside the media. */
  workFolder: string;
}

/** Opening a project either opens it, or says its media moved and needs relinking. */
export type ProjectOpenResult = ({ status: 'opened' } & OpenedMedia) | { status: 'missing-media'; projectPath: string; mediaPath: string; message: string };

/** An autosave left behind by a session that did not close cleanly. */
export interface Recovery {
  id: string;
  projectPath: string | null;
  mediaPath: string;
  /** ISO time of the autosave. */
  savedAt: string;
  objects: number;
  promptFrames: number;
}

/** Per-project choices that travel with the project file. */
export interface ProjectSettings {
  /** Matting head id (see EngineInfo.heads). */
  head: string;
  quality: MattingQuality;
  /** In/out points: inclusive limits for propagation and export; null = clip start/end. */
  inPoint: number | null;
  outPoint: number | null;
  /** Each pixel belongs to one object only, the most likely one (SAM2's non-overlap rule), in the viewer and in exports. */
  exclusive: boolean;
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  /** What undo / redo would do, in words ("Add point on frame 12"). */
  undoLabel: string | null;
  redoLabel: string | null;
}

/** What an undo or redo changed, so the renderer can show it. */
export interface HistoryStep {
  label: string;
  objectId?: ObjectId;
  frame?: number;
  history: HistoryState;
}

/** How the viewer draws an object's mask: its outline (the tracker's cut), a tint over it, or both. */
export type OverlayMode = 'outline' | 'fill' | 'both';

export const OVERLAY_MODES: readonly OverlayMode[] = ['outline', 'fill', 'both'];

/** What a new object, or one from a project saved before these settings, is drawn with. */
export const DEFAULT_OVERLAY: { overlay: OverlayMode; opacity: number } = { overlay: 'both', opacity: 0.5 };

export interface ObjectPatch {
  name?: string;
  /** CSS colour, e.g. #ff6b6b. */
  color?: string;
  hidden?: boolean;
  locked?: boolean;
  overlay?: OverlayMode;
  /** Strength of the overlay, 0..1: the tint's opacity (the outline is drawn twice as strong). */
  opacity?: number;
  /** Matte controls to change; the others keep their values. */
  matte?: Partial<MatteControls>;
}

/** A mask as the renderer gets it: the tracker's probability at its working resolution. */
export interface FrameMask {
  objectId: ObjectId;
  frame: number;
  mask: GrayImage;
  score: number;
  present: boolean;
  source: TrackResult['source'];
}

export interface ObjectSummary {
  objectId: ObjectId;
  name: string;
  color: string;
  hidden: boolean;
  locked: boolean;
  overlay: OverlayMode;
  opacity: number;
  /** Frames that carry prompts (keyframes). */
  promptFrames: number[];
  /** Frames that have a mask. */
  trackedFrames: number[];
  /** Tracked frames made from prompts that changed since (a correction's span until it is re-tracked): still shown, not to be trusted. */
  staleFrames: number[];
  matte: MatteControls;
}

/** A matte with what made it. */
export interface Matte extends GrayImage {
  source: MatteSource;
}

export interface DirEntry {
  name: string;
  path: string;
  isDirectory: boolean;
}

export interface DirListing {
  path: string;
  parent: string | null;
  entries: DirEntry[];
}

export type JobKind = 'propagate' | 'export' | 'download';

export type JobEvent =
  | { jobId: string; kind: JobKind; type: 'progress'; done: number; total: number }
  | { jobId: string; kind: 'propagate'; type: 'frame'; objectId: ObjectId; frame: number; score: number; present: boolean }
  | { jobId: string; kind: JobKind; type: 'done'; result?: ExportResult }
  | { jobId: string; kind: JobKind; type: 'cancelled' }
  | { jobId: string; kind: JobKind; type: 'error'; code: ErrorCode; message: string };

export interface StudioApi {
  /** With a clip's id, its heads say whether they can run on that clip (the paper's needs its SAM 2.1 tracker). */
  getEngineInfo(mediaId?: string): Promise<EngineInfo>;
  /** Folders and media files under a path of the machine that runs the services. */
  listDirectory(path?: string): Promise<DirListing>;
  openMedia(path: string): Promise<OpenedMedia>;
  /** A frame scaled to fit maxWidth when given (keeps the aspect ratio). */
  getFrame(mediaId: string, index: number, maxWidth?: number): Promise<RgbaImage>;
  listObjects(mediaId: string): Promise<ObjectSummary[]>;
  createObject(mediaId: string, name?: string): Promise<ObjectSummary>;
  removeObject(mediaId: string, objectId: ObjectId): Promise<void>;
  updateObject(mediaId: string, objectId: ObjectId, patch: ObjectPatch): Promise<ObjectSummary>;
  getPrompts(mediaId: string, objectId: ObjectId, frame: number): Promise<Prompt[]>;
  /** Replace the prompts of an object on a frame and return its new mask. */
  setPrompts(mediaId: string, objectId: ObjectId, frame: number, prompts: Prompt[]): Promise<FrameMask | null>;
  getMask(mediaId: string, objectId: ObjectId, frame: number): Promise<FrameMask | null>;
  /** Whether a prompt on the frame first runs the tracker's image encoder (seconds with SAM 2.1 on a CPU): what the viewer says while it waits. */
  needsImageFeatures(mediaId: string, frame: number): Promise<boolean>;
  /** The refined alpha (bridge + matting head + each object's matte controls) of the given objects on a frame, full resolution. */
  getMatte(mediaId: string, frame: number, objectIds?: ObjectId[], quality?: MattingQuality): Promise<Matte>;
  /** The bridge's trimap (0 / 128 unknown / 255) of the given objects on a frame, full resolution. */
  getTrimap(mediaId: string, frame: number, objectIds?: ObjectId[]): Promise<GrayImage>;
  /** Confidence per tracked frame of an object (the drift strip). */
  getTrackStats(mediaId: string, objectId: ObjectId): Promise<FrameStat[]>;
  /** Starts a job; its results arrive as JobEvents. */
  propagate(mediaId: string, request: PropagateRequest): Promise<{ jobId: string }>;
  exportMatte(request: ExportRequest): Promise<{ jobId: string }>;
  cancelJob(jobId: string): Promise<void>;

  getSettings(mediaId: string): Promise<ProjectSettings>;
  updateSettings(mediaId: string, patch: Partial<ProjectSettings>): Promise<ProjectSettings>;
  undo(mediaId: string): Promise<HistoryStep | null>;
  redo(mediaId: string): Promise<HistoryStep | null>;
  getHistory(mediaId: string): Promise<HistoryState>;
  /** Saves atomically to path, or to the session's project file when omitted. */
  saveProject(mediaId: string, path?: string): Promise<{ path: string; savedAt: string }>;
  openProject(path: string): Promise<ProjectOpenResult>;
  /** Finds the project's media by size and hash under a folder, and opens the project with it. */
  relinkProject(projectPath: string, searchFolder: string): Promise<ProjectOpenResult>;
  listRecoveries(): Promise<Recovery[]>;
  restoreRecovery(id: string): Promise<OpenedMedia>;
  discardRecovery(id: string): Promise<void>;

  listModels(): Promise<ModelStatus[]>;
  /**
   * Starts a 'download' job for every missing file of a model. A model whose licence must be accepted
   * (ModelStatus.requiresLicenceAcceptance) is refused unless acceptedLicence is its licence, as shown.
   */
  downloadModel(modelId: string, acceptedLicence?: string): Promise<{ jobId: string }>;
  /** Copies a model's files from a local file or folder into the models folder, checking them. */
  importModel(modelId: string, path: string): Promise<ModelStatus>;
  removeModel(modelId: string): Promise<void>;
}

export type ApiMethod = keyof StudioApi;
export type ApiArgs<M extends ApiMethod> = Parameters<StudioApi[M]>;
export type ApiResult<M extends ApiMethod> = Awaited<ReturnType<StudioApi[M]>>;

/** What a transport carries. */
export interface RpcRequest {
  id: number;
  method: ApiMethod;
  args: unknown[];
}

export type RpcResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: ErrorInfo };

export type ServerMessage = RpcResponse | { event: JobEvent };

/** The one thing a renderer needs from its transport: a failed call rejects with a StudioError (shared/errors.ts). */
export interface StudioTransport {
  invoke(method: ApiMethod, args: unknown[]): Promise<unknown>;
  onEvent(listener: (event: JobEvent) => void): () => void;
}

/**
 * What Electron's preload exposes: responses as they are, as an error thrown across the context bridge
 * keeps only its message. The renderer's client makes a StudioTransport of it.
 */
export interface IpcBridge {
  invoke(method: ApiMethod, args: unknown[]): Promise<RpcResponse>;
  onEvent(listener: (event: JobEvent) => void): () => void;
}
