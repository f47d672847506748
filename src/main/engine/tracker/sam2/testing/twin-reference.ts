/**
 * The SAM 2.1 twin's reference runs (../shared/sam2-twin): SAM2's own video predictor on seeded random
 * weights, replayed step by step through a tracker and compared frame by frame.
 */
import { readFile } from 'node:fs/promises';
import type { Tracker } from '../../../../../shared/engine';
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

export interface TwinTracker extends Tracker {
  lowResLogits(objectId: ObjectId, frame: number): FloatMap | undefined;
  decodeDetail(objectId: ObjectId, frame: number): DecodeDetail | undefined;
}

export async function readScript(): Promise<ScriptStep[]> {
  return (JSON.parse(await readFile(twinPath('script.json'), 'utf8')) as { steps: ScriptStep[] }).steps;
}

/** The step's prompts in the app's terms; the mask as SAM2 got it (960x540) or as SAM2 resized it (1024²). */
export async function promptsOf(step: ScriptStep, space: TwinSpace): Promise<Prompt[]> {
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

export interface FrameComparison {
  call: string;
  frame: number;
  /** Max |ours − SAM2| over the low-res logits; null where the driver cannot see logits. */
  logitDiff: number | null;
  /** Share of low-res pixels on the same side of 0 (null without logits). */
  binaryAgreement: number | null;
  /** |ours − SAM2| of the object-score logit, and whether the same decoder tokens were chosen (null without them). */
  objectScoreDiff: number | null;
  sameTokens: boolean | null;
  samePresence: boolean;
  /** IoU of the shown mask with SAM2's mask at the same size (1 when both are empty). */
  iou: number;
}

/** One frame's output as a driver sees it. */
export interface TwinOutput {
  frame: number;
  mask: GrayImage;
  present: boolean;
  logits?: Float32Array;
  detail?: DecodeDetail;
}

/** Drives a tracker, directly or through the app's service, one reference call at a time. */
export interface TwinDriver {
  prompt(objectId: ObjectId, frame: number, prompts: Prompt[]): Promise<TwinOutput>;
  propagate(objectId: ObjectId, reverse: boolean, startFrame: number): Promise<TwinOutput[]>;
  /**
   * What is shown on a frame a propagation did not track again: the app's Propagate tracks only stale or
   * untracked frames, where SAM2's propagate_in_video runs every frame again (the same outputs where nothing
   * they attend to changed). Without it, every frame of the reference must come from the propagation.
   */
  shown?(objectId: ObjectId, frame: number): Promise<TwinOutput | null>;
}

/** Straight on a tracker: logits and decoder choices are visible. */
export function trackerDriver(tracker: TwinTracker): TwinDriver {
  const output = (objectId: ObjectId, frame: number, mask: GrayImage, present: boolean): TwinOutput => ({
    frame,
    mask,
    present,
    logits: tracker.lowResLogits(objectId, frame)?.data,
    detail: tracker.decodeDetail(objectId, frame),
  });
  return {
    async prompt(objectId, frame, prompts) {
      const result = await tracker.setPrompts(objectId, frame, prompts);
      return output(objectId, frame, result!.mask, result!.present);
    },
    async propagate(objectId, reverse, startFrame) {
      const outputs: TwinOutput[] = [];
      for await (const r of tracker.propagate({ objectIds: [objectId], direction: reverse ? 'backward' : 'forward', startFrame }))
        outputs.push(output(objectId, r.frame, r.mask, r.present));
      return outputs;
    },
  };
}

function maskIou(ours: GrayImage, theirs: GrayImage): number {
  if (ours.width !== theirs.width || ours.height !== theirs.height) throw new Error(`mask is ${ours.width}x${ours.height}, the reference ${theirs.width}x${theirs.height}`);
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

async function compareFrame(call: string, out: TwinOutput, ref: ReferenceFrame, space: TwinSpace): Promise<FrameComparison> {
  const name = (kind: string) => twinPath('reference', call, `${kind}_${String(out.frame).padStart(5, '0')}.${kind === 'lowres' ? 'npy' : 'png'}`);
  let logitDiff: number | null = null;
  let binaryAgreement: number | null = null;
  if (out.logits) {
    const expected = (await readNpy(name('lowres'))).data;
    let agree = 0;
    logitDiff = 0;
    for (let i = 0; i < expected.length; i++) {
      logitDiff = Math.max(logitDiff, Math.abs(out.logits[i] - expected[i]));
      if (out.logits[i] > 0 === expected[i] > 0) agree++;
    }
    binaryAgreement = agree / expected.length;
  }
  const d = out.detail;
  return {
    call,
    frame: out.frame,
    logitDiff,
    binaryAgreement,
    objectScoreDiff: d ? Math.abs(d.objectScore - ref.object_score_logit) : null,
    sameTokens: d ? d.maskToken === ref.mask_token && d.pointerToken === ref.ptr_token && d.multimask === ref.multimask : null,
    samePresence: out.present === ref.object_present,
    iou: maskIou(out.mask, await readImageGray(name(space === 'video' ? 'mask960' : 'mask1024'))),
  };
}

/** Runs every step of the reference script through `driver` (frames given in `space`) and compares each output the reference recorded. */
export async function replayTwinScript(driver: TwinDriver, space: TwinSpace): Promise<FrameComparison[]> {
  const comparisons: FrameComparison[] = [];
  for (const step of await readScript()) {
    const call = step.output.replace('reference/', '');
    const frames = (JSON.parse(await readFile(twinPath('reference', call, 'frames.json'), 'utf8')) as { frames: ReferenceFrame[] }).frames;
    const byFrame = new Map(frames.map((f) => [f.frame, f]));
    const outputs =
      step.op === 'propagate_in_video'
        ? await driver.propagate(step.obj_id, step.reverse ?? false, step.start_frame_effective!)
        : [await driver.prompt(step.obj_id, step.frame!, await promptsOf(step, space))];
    if (step.op === 'propagate_in_video' && driver.shown) {
      for (const f of frames) {
        if (outputs.some((o) => o.frame === f.frame)) continue;
        const kept = await driver.shown(step.obj_id, f.frame);
        if (kept) outputs.push(kept);
      }
    }
    const missing = frames.filter((f) => !outputs.some((o) => o.frame === f.frame)).map((f) => f.frame);
    if (missing.length > 0) throw new Error(`${call}: no output for frames ${missing.join(', ')}`);
    const extra = outputs.filter((o) => !byFrame.has(o.frame)).map((o) => o.frame);
    if (extra.length > 0) throw new Error(`${call}: outputs for frames the reference has not: ${extra.join(', ')}`);
    for (const out of outputs) comparisons.push(await compareFrame(call, out, byFrame.get(out.frame)!, space));
  }
  return comparisons;
}
