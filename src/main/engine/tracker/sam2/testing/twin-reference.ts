/**
 * The SAM 2.1 twin's reference runs (../shared/sam2-twin): SAM2's own video predictor on seeded random
 * weights, replayed step by step through a tracker and compared frame by frame.
 */
import { readFile } from 'node:fs/promises';
import type { Tracker, TrackResult } from '../../../../../shared/engine';
import type { GrayImage } from '../../../../../shared/media';
import type { ObjectId, Prompt } from '../../../../../shared/prompts';
import { sharedFile } from '../../../../../testing/paths';
import { readNpy } from '../../../../../testing/npy';
import { readImageGray } from '../../../../media/image-file';
import type { FloatMap } from '../logit-maps';
import type { DecodeDetail } from '../sam2-video-session';

export const twinPath = (...parts: string[]) => sharedFile('sam2-twin', ...parts);

/** Which frames the reference is given as: SAM2's own 1024² frames, or the bedroom clip's 960x540 JPEGs. */
export type TwinSpace = 'clip1024' | 'video';

interface ScriptStep {
  step: number;
  obj_id: number;
  op: 'add_new_points_or_box' | 'propagate_in_video' | 'add_new_mask';
  frame?: number;
  points?: Record<TwinSpace, number[][]> | null;
  labels?: number[] | null;
  box?: Record<TwinSpace, number[]> | null;
  mask_file?: { video: string; clip1024_sam2resize: string };
  reverse?: boolean;
  start_frame_effective?: number;
  output: string;
}

export interface ReferenceFrame {
  frame: number;
  object_score_logit: number;
  object_present: boolean;
  mask_token: number | null;
  ptr_token: number;
  multimask: boolean;
  iou_chosen: number;
}

export interface FrameComparison {
  call: string;
  frame: number;
  /** Max |ours − SAM2| over the low-res logits. */
  logitDiff: number;
  /** Share of low-res pixels on the same side of 0. */
  binaryAgreement: number;
  objectScoreDiff: number;
  sameTokens: boolean;
  samePresence: boolean;
  /** IoU of the shown mask with SAM2's mask at the same size (1 when both are empty). */
  iou: number;
}

export interface TwinTracker extends Tracker {
  lowResLogits(objectId: ObjectId, frame: number): FloatMap | undefined;
  decodeDetail(objectId: ObjectId, frame: number): DecodeDetail | undefined;
}

export async function readScript(): Promise<ScriptStep[]> {
  return (JSON.parse(await readFile(twinPath('script.json'), 'utf8')) as { steps: ScriptStep[] }).steps;
}

async function promptsOf(step: ScriptStep, space: TwinSpace): Promise<Prompt[]> {
  if (step.op === 'add_new_mask') {
    const mask = await readImageGray(twinPath(space === 'video' ? step.mask_file!.video : step.mask_file!.clip1024_sam2resize));
    return [{ kind: 'mask', width: mask.width, height: mask.height, data: mask.data }];
  }
  const prompts: Prompt[] = [];
  if (step.box) {
    const [x0, y0, x1, y1] = step.box[space];
    prompts.push({ kind: 'box', x0, y0, x1, y1 });
  }
  step.points?.[space].forEach(([x, y], i) => prompts.push({ kind: 'point', x, y, positive: step.labels![i] === 1 }));
  return prompts;
}

function maskIou(ours: GrayImage, theirs: GrayImage): number {
  let inter = 0;
  let union = 0;
  for (let i = 0; i < ours.data.length; i++) {
    const a = ours.data[i] >= 128;
    const b = theirs.data[i] >= 128;
    if (a && b) inter++;
    if (a || b) union++;
  }
  return union === 0 ? 1 : inter / union;
}

async function compareFrame(tracker: TwinTracker, call: string, result: TrackResult, ref: ReferenceFrame, space: TwinSpace): Promise<FrameComparison> {
  const id = result.objectId;
  const name = (kind: string) => twinPath('reference', call, `${kind}_${String(result.frame).padStart(5, '0')}.${kind === 'lowres' ? 'npy' : 'png'}`);
  const expected = (await readNpy(name('lowres'))).data;
  const ours = tracker.lowResLogits(id, result.frame)!.data;
  let logitDiff = 0;
  let agree = 0;
  for (let i = 0; i < expected.length; i++) {
    logitDiff = Math.max(logitDiff, Math.abs(ours[i] - expected[i]));
    if (ours[i] > 0 === expected[i] > 0) agree++;
  }
  const detail = tracker.decodeDetail(id, result.frame)!;
  const theirMask = await readImageGray(name(space === 'video' ? 'mask960' : 'mask1024'));
  return {
    call,
    frame: result.frame,
    logitDiff,
    binaryAgreement: agree / expected.length,
    objectScoreDiff: Math.abs(detail.objectScore - ref.object_score_logit),
    sameTokens: detail.maskToken === ref.mask_token && detail.pointerToken === ref.ptr_token && detail.multimask === ref.multimask,
    samePresence: result.present === ref.object_present,
    iou: maskIou(result.mask, theirMask),
  };
}

/**
 * Runs every step of the reference script through `tracker` (frames given in `space`) and compares each
 * output the reference recorded. `beforeStep` lets a caller act between steps (e.g. check the UI).
 */
export async function replayTwinScript(tracker: TwinTracker, space: TwinSpace): Promise<FrameComparison[]> {
  const comparisons: FrameComparison[] = [];
  for (const step of await readScript()) {
    const call = step.output.replace('reference/', '');
    const frames = (JSON.parse(await readFile(twinPath('reference', call, 'frames.json'), 'utf8')) as { frames: ReferenceFrame[] }).frames;
    const byFrame = new Map(frames.map((f) => [f.frame, f]));
    const id: ObjectId = step.obj_id;
    if (step.op === 'propagate_in_video') {
      const seen = new Set<number>();
      for await (const result of tracker.propagate({ objectIds: [id], direction: step.reverse ? 'backward' : 'forward', startFrame: step.start_frame_effective })) {
        seen.add(result.frame);
        comparisons.push(await compareFrame(tracker, call, result, byFrame.get(result.frame)!, space));
      }
      const missing = frames.filter((f) => !seen.has(f.frame)).map((f) => f.frame);
      if (missing.length > 0) throw new Error(`${call}: no output for frames ${missing.join(', ')}`);
    } else {
      const result = await tracker.setPrompts(id, step.frame!, await promptsOf(step, space));
      comparisons.push(await compareFrame(tracker, call, result!, byFrame.get(step.frame!)!, space));
    }
  }
  return comparisons;
}
