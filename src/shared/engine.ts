/**
 * The engine contract of the tracker-to-matting method: a tracker owns temporal consistency,
 * a region-proposal bridge finds where the mask is uncertain, a matting head resolves alpha there.
 * Each is swappable; the main process composes them.
 */
import type { FrameRange } from './common/frame-range';
import type { GrayImage, RgbaImage } from './media';
import type { ObjectId, Prompt } from './prompts';

/** Frames as the tracker sees them. */
export interface FrameSource {
  readonly width: number;
  readonly height: number;
  readonly frameCount: number;
  getFrame(index: number, signal?: AbortSignal): Promise<RgbaImage>;
}

export interface TrackResult {
  objectId: ObjectId;
  frame: number;
  /** Foreground probability 0..255 at the tracker's working resolution (128 = decision boundary). */
  mask: GrayImage;
  /** Confidence 0..1 (predicted IoU or an equivalent). */
  score: number;
  /** false when the tracker lost the object on this frame: the mask is then empty. */
  present: boolean;
  /** The tracker's object-presence logit (SAM2's object score) where it has one. */
  objectScore?: number;
  /** 'prompt' for conditioning frames (frames with prompts), 'propagated' otherwise. */
  source: 'prompt' | 'propagated';
  /** The mask's measure, where the tracker took it when it stored the mask compressed (the drift strip reads every frame). */
  coverage?: MaskCoverage;
  /** How a propagated frame follows from the frame it was tracked from, measured when it was tracked (for the drift strip). */
  continuity?: FrameContinuity;
}

export interface FrameContinuity {
  /** The neighbouring frame the tracker came from. */
  from: number;
  /** IoU with that frame's mask moved by the centroid motion (1: only moved; low: a leak or another object). */
  shapeIoU: number;
  /** How much of this frame's mask lies apart from the object's body, and how far (mask-continuity.ts): a piece of a leak left behind. */
  detached: number;
  /** Cosine similarity of the object pointers of the two frames (SAM 2.1's identity token), where the tracker has them. */
  pointerSimilarity?: number;
}

/** A mask's size, its pixels at or above the decision boundary (128), and their centroid in mask pixels (0 when empty). */
export interface MaskCoverage {
  width: number;
  height: number;
  pixels: number;
  x: number;
  y: number;
}

export type PropagateDirection = 'forward' | 'backward' | 'both';

export interface PropagateRequest {
  /** Objects to propagate; all objects with prompts when omitted. */
  objectIds?: ObjectId[];
  /** Frame to start from; the first conditioning frame of each object when omitted. */
  startFrame?: number;
  direction: PropagateDirection;
  /** The frames it may track; the whole clip when omitted (the studio's service: the in/out points). */
  range?: FrameRange;
  /**
   * A correction on startFrame: re-propagate only the frames it influences, from startFrame up to
   * (not including) the nearest conditioning frame in each direction, within the tracked frames.
   * The studio's service reads it as: re-track the stale frames between the keyframes around startFrame.
   */
  correction?: boolean;
}

/**
 * What a tracker holds of one object on a range of frames (prompts, masks, memory), as saveFrames took it:
 * undo keeps it with its edit and puts it back with restoreFrames. Only the tracker that made it reads it.
 */
export interface TrackSnapshot {
  readonly objectId: ObjectId;
  readonly range: FrameRange;
}

export interface Tracker {
  readonly name: string;
  /**
   * Replace this object's prompts on a frame and return the new mask. An empty list removes them; the frame's
   * mask then stays as a tracked frame's where a neighbouring frame has one (no gap in the track), else it goes.
   */
  setPrompts(objectId: ObjectId, frame: number, prompts: Prompt[], signal?: AbortSignal): Promise<TrackResult | null>;
  /** Stream per-frame results frame by frame; stops early when the signal aborts. */
  propagate(request: PropagateRequest, signal?: AbortSignal): AsyncIterable<TrackResult>;
  getResult(objectId: ObjectId, frame: number): TrackResult | undefined;
  clearObject(objectId: ObjectId): void;
  /** The object's prompts, masks and memory on a range of frames, to put back later (the object may be gone by then). */
  saveFrames(objectId: ObjectId, range: FrameRange): TrackSnapshot;
  /** The snapshot's frames of its object hold exactly what they held when it was taken; other frames are untouched. */
  restoreFrames(snapshot: TrackSnapshot): void;
  reset(): void;
  /** False while a prompt on the frame would first compute its image features (seconds on a CPU); absent for trackers without them. */
  hasImageFeatures?(frame: number): boolean;
  /** Frees what the tracker holds outside the heap (model sessions, workers). */
  close?(): Promise<void>;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RegionProposal {
  /** Full-resolution trimap: 0 background, 255 foreground, anything else unknown. */
  trimap: GrayImage;
  /** Regions of interest covering every unknown pixel, at full resolution. */
  rois: Rect[];
  /** The known pixels are guesses from a mask (a bridge's), not drawn by hand: see MattingInput. */
  knownFromMask: boolean;
}

export interface RegionProposalBridge {
  readonly name: string;
  propose(mask: GrayImage, width: number, height: number): RegionProposal;
}

export type MattingQuality = 'preview' | 'final';

export interface MattingInput {
  /** The region of the frame, RGBA. */
  image: RgbaImage;
  /** The same region of the trimap. */
  trimap: GrayImage;
  quality: MattingQuality;
  /**
   * The trimap's known pixels were guessed from a mask, so those beside the unknown region may be
   * wrong (a soft zone reaching past the band): a head may let them move while it solves. They still
   * come back unchanged.
   */
  knownFromMask?: boolean;
}

export interface MattingHead {
  readonly name: string;
  /** Alpha for the region, 0..255; known trimap pixels must come back unchanged. */
  matte(input: MattingInput, signal?: AbortSignal): Promise<GrayImage>;
  /** Frees what the head holds outside the heap (a model session). */
  close?(): Promise<void>;
}
