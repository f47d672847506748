/**
 * The typed API between the renderer and the main-process services. Electron carries it over
 * ipcMain/contextBridge, the browser host over a WebSocket; both call the same service object.
 */
import type { PropagateRequest, TrackResult } from './engine';
import type { GrayImage, MediaInfo, RgbaImage } from './media';
import type { ModelStatus } from './models';
import type { ObjectId, Prompt } from './prompts';

export type ExportFormat = 'prores4444' | 'png' | 'matte';

export interface ExportRequest {
  mediaId: string;
  format: ExportFormat;
  /** A .mov file for prores4444, a folder for png and matte. */
  outputPath: string;
  /** Objects merged into the matte; all objects when omitted. */
  objectIds?: ObjectId[];
  /** Colour straight (default) or premultiplied by alpha. */
  alphaMode?: 'straight' | 'premultiplied';
  /** Inclusive frame range; the whole clip when omitted. */
  rangeStart?: number;
  rangeEnd?: number;
}

export interface ExportResult {
  outputPath: string;
  frames: number;
}

export interface OpenedMedia {
  mediaId: string;
  info: MediaInfo;
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
  /** Frames that carry prompts (keyframes). */
  promptFrames: number[];
  /** Frames that have a mask. */
  trackedFrames: number[];
}

export interface EngineInfo {
  tracker: string;
  bridge: string;
  matting: string;
  /** Why the app runs the fallback engine rather than a model, if it does. */
  fallbackReason: string | null;
  models: ModelStatus[];
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

export type JobKind = 'propagate' | 'export';

export type JobEvent =
  | { jobId: string; kind: JobKind; type: 'progress'; done: number; total: number }
  | { jobId: string; kind: 'propagate'; type: 'frame'; objectId: ObjectId; frame: number; score: number; present: boolean }
  | { jobId: string; kind: JobKind; type: 'done'; result?: ExportResult }
  | { jobId: string; kind: JobKind; type: 'cancelled' }
  | { jobId: string; kind: JobKind; type: 'error'; message: string };

export interface StudioApi {
  getEngineInfo(): Promise<EngineInfo>;
  /** Folders and media files under a path of the machine that runs the services. */
  listDirectory(path?: string): Promise<DirListing>;
  openMedia(path: string): Promise<OpenedMedia>;
  /** A frame scaled to fit maxWidth when given (keeps the aspect ratio). */
  getFrame(mediaId: string, index: number, maxWidth?: number): Promise<RgbaImage>;
  listObjects(mediaId: string): Promise<ObjectSummary[]>;
  createObject(mediaId: string, name?: string): Promise<ObjectSummary>;
  removeObject(mediaId: string, objectId: ObjectId): Promise<void>;
  getPrompts(mediaId: string, objectId: ObjectId, frame: number): Promise<Prompt[]>;
  /** Replace the prompts of an object on a frame and return its new mask. */
  setPrompts(mediaId: string, objectId: ObjectId, frame: number, prompts: Prompt[]): Promise<FrameMask | null>;
  getMask(mediaId: string, objectId: ObjectId, frame: number): Promise<FrameMask | null>;
  /** The refined alpha (bridge + matting head) of the given objects on a frame, full resolution. */
  getMatte(mediaId: string, frame: number, objectIds?: ObjectId[]): Promise<GrayImage>;
  /** Starts a job; its results arrive as JobEvents. */
  propagate(mediaId: string, request: PropagateRequest): Promise<{ jobId: string }>;
  exportMatte(request: ExportRequest): Promise<{ jobId: string }>;
  cancelJob(jobId: string): Promise<void>;
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

export type RpcResponse = { id: number; ok: true; result: unknown } | { id: number; ok: false; error: string };

export type ServerMessage = RpcResponse | { event: JobEvent };

/** The one thing a renderer needs from its transport. */
export interface StudioTransport {
  invoke(method: ApiMethod, args: unknown[]): Promise<unknown>;
  onEvent(listener: (event: JobEvent) => void): () => void;
}

/** Every method of the API, so transports can refuse anything else. */
export const API_METHODS = [
  'getEngineInfo',
  'listDirectory',
  'openMedia',
  'getFrame',
  'listObjects',
  'createObject',
  'removeObject',
  'getPrompts',
  'setPrompts',
  'getMask',
  'getMatte',
  'propagate',
  'exportMatte',
  'cancelJob',
] as const satisfies readonly ApiMethod[];

type MissingMethods = Exclude<ApiMethod, (typeof API_METHODS)[number]>;
/** Compile-time check that API_METHODS lists every method. */
export const API_METHODS_COMPLETE: MissingMethods extends never ? true : never = true;
