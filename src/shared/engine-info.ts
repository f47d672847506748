/**
 * What the engine reports about itself and its results: the heads it offers, what runs and why, each
 * frame's confidence, what made a matte. The engine fills these in; the API (api.ts) carries them to
 * the UI unchanged.
 */
import type { MattingQuality, TrackResult } from './engine';
import type { ModelStatus } from './models';

/** Per-frame confidence of a tracked object, for the drift strip. */
export interface FrameStat {
  frame: number;
  present: boolean;
  source: TrackResult['source'];
  /** Predicted IoU or the tracker's equivalent, 0..1. */
  score: number;
  /** The tracker's object-presence score (a logit) where it has one. */
  objectScore: number | null;
  /** Mask area as a fraction of the frame. */
  area: number;
  /** Centroid, as a fraction of width and height. */
  cx: number;
  cy: number;
  /** 0 = confident … 1 = very likely drifted. */
  doubt: number;
  /** doubt crossed the threshold: the strip marks the frame and the next-doubtful key stops there. */
  drifted: boolean;
  /** The sign that gave the doubt; null when there is none. */
  reason: DriftReason | null;
}

/**
 * Why a frame is doubtful: lost (object gone), score (low predicted IoU), presence (low presence logit),
 * presence-drop (presence logit fell below its recent level), area / position (a jump from the
 * neighbouring frame), shape (mask not explained by the motion: a leak or a switch), detached (a piece
 * of the mask lies apart from the object: a leak left behind), pointer (SAM 2.1's object pointer turned
 * away from the previous frame's: an identity switch).
 */
export type DriftReason = 'lost' | 'score' | 'presence' | 'presence-drop' | 'area' | 'position' | 'shape' | 'detached' | 'pointer';

export interface HeadInfo {
  id: string;
  title: string;
  available: boolean;
  /** Why it is not available (a model missing, a provider failing). */
  reason: string | null;
}

export interface EngineInfo {
  tracker: string;
  bridge: string;
  /** Why the app runs the fallback engine rather than a model, if it does. */
  fallbackReason: string | null;
  models: ModelStatus[];
  /** Which execution provider runs each module of the active models (module role → provider). */
  providers: Record<string, string>;
  heads: HeadInfo[];
  /** The tracker model that suits this machine, and why (a sentence about "it"); null when the manifest lists none. */
  suggestedTracker: { modelId: string; why: string } | null;
  /** What the fallback (classic) tracker can and cannot do, in one line. */
  fallbackLimits: string;
}

/** What made a matte: the head that ran, at which quality, at which size. */
export interface MatteSource {
  /** The head's id (EngineInfo.heads). */
  head: string;
  /** The head's own name for what ran (an ONNX head names its provider). */
  headName: string;
  quality: MattingQuality;
  /** The size it was matted at: a preview of a big frame is matted smaller and scaled up. */
  width: number;
  height: number;
}
