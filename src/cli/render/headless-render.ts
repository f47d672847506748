/**
 * A render without the UI, through the same StudioService the app uses: open a project (or a clip
 * with prompts from the command line), propagate every prompted object, export the range.
 */
import type { ExportRequest, ExportResult } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import type { MattingQuality } from '../../shared/engine';
import { createJobWaiter, type JobWaiter } from '../../main/services/job-waiter';
import { StudioService } from '../../main/services/studio-service';
import { formatRange, rangeBetween, wholeClip, type FrameRange } from '../../shared/common/frame-range';
import { validateFrameRange } from '../../shared/validate-prompts';
import { trackerLine, UsageError } from '../command-line';
import { createProgress, type TextStream } from './progress';
import { loadPrompts, type PromptSpec } from './prompt-specs';

export interface RenderContext {
  service: StudioService;
  waiter: JobWaiter;
  out: TextStream;
}

export interface RenderOutput extends Pick<ExportRequest, 'format' | 'alphaMode' | 'exr'> {
  out: string;
  range: FrameRange | null;
  perObject: boolean;
  /** The matting head to use instead of the project's, and the quality ('final' when omitted). */
  head?: string;
  quality?: MattingQuality;
}

/** Runs `work` with a StudioService of its own; Ctrl+C (or a farm's kill) closes it, which cancels its jobs. */
export async function withService<T>(work: (service: StudioService, waiter: JobWaiter) => Promise<T>): Promise<T> {
  const waiter = createJobWaiter();
  // No autosave folder: a command-line job changes nothing worth keeping, and leaves no recoveries behind.
  const service = new StudioService({ emit: waiter.emit });
  // A cancelled export removes what it staged.
  const interrupt = () => void service.close();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    return await work(service, waiter);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await service.close();
  }
}

/** Waits for a job, showing its progress under `label`. */
export async function follow(waiter: JobWaiter, jobId: string, out: TextStream, label: string): Promise<ExportResult | undefined> {
  const progress = createProgress(out, label);
  try {
    return await waiter.wait(jobId, (e) => e.type === 'progress' && progress.update(e.done, e.total));
  } finally {
    progress.finish();
  }
}

/**
 * The frames to propagate so that a chunk comes out exactly as in a render of the whole clip: the
 * tracker reaches a frame from the object's first prompted frame, so the span runs from the chunk
 * to every object's first prompt (through any later keyframes on the way).
 */
export function propagationSpan(range: FrameRange, firstPromptFrames: number[]): FrameRange {
  return { start: Math.min(range.start, ...firstPromptFrames), end: Math.max(range.end, ...firstPromptFrames) };
}

export async function renderProject(ctx: RenderContext, projectPath: string, objectName: string | null, output: RenderOutput): Promise<ExportResult> {
  const opened = await ctx.service.openProject(projectPath);
  if (opened.status !== 'opened') throw new Error(`${opened.message} (open the project in the app to relink it)`);
  ctx.out.write(`${trackerLine(opened.tracker)}\n`);
  const objects = await ctx.service.listObjects(opened.mediaId);
  const chosen = objectName === null ? objects : objects.filter((o) => o.name === objectName);
  if (!chosen.length) {
    const names = objects.map((o) => `"${o.name}"`).join(', ') || 'none';
    throw new Error(objectName === null ? `${projectPath} has no objects to render.` : `${projectPath} has no object named "${objectName}"; its objects: ${names}.`);
  }
  const settings = await ctx.service.getSettings(opened.mediaId);
  const range = output.range ?? rangeBetween(settings.inPoint, settings.outPoint, opened.info.frameCount);
  return renderTracked(ctx, opened.mediaId, opened.info.frameCount, chosen, { ...output, range });
}

export async function renderVideo(ctx: RenderContext, videoPath: string, objectName: string, specs: PromptSpec[], output: RenderOutput): Promise<ExportResult> {
  const { mediaId, info, tracker } = await ctx.service.openMedia(videoPath);
  ctx.out.write(`${trackerLine(tracker)}\n`);
  const object = await ctx.service.createObject(mediaId, objectName);
  for (const [frame, prompts] of await loadPrompts(specs)) {
    await ctx.service.setPrompts(mediaId, object.objectId, frame, prompts).catch((err: Error) => {
      throw new Error(`Prompts on frame ${frame}: ${err.message}`);
    });
  }
  const [prompted] = await ctx.service.listObjects(mediaId);
  return renderTracked(ctx, mediaId, info.frameCount, [prompted], { ...output, range: output.range ?? wholeClip(info.frameCount) });
}

/**
 * Sets --head on the clip (an unknown id is a command-line error), and says which head mattes when asked; a head
 * that cannot run on this clip (a model missing, the paper's heads not paired) fails before any tracking.
 */
async function chooseHead(ctx: RenderContext, mediaId: string, output: RenderOutput): Promise<void> {
  const { heads } = await ctx.service.getEngineInfo(mediaId);
  if (output.head !== undefined) {
    if (!heads.some((h) => h.id === output.head)) throw new UsageError(`Unknown --head ${output.head}; known: ${heads.map((h) => h.id).join(', ')}.`);
    await ctx.service.updateSettings(mediaId, { head: output.head });
  }
  const { head: id } = await ctx.service.getSettings(mediaId);
  const head = heads.find((h) => h.id === id);
  if (head && !head.available) throw new Error(head.reason ?? `${head.title} is not available.`);
  if (output.head !== undefined || output.quality !== undefined) ctx.out.write(`Matting: ${head?.title ?? id}, ${output.quality ?? 'final'}\n`);
}

interface PromptedObject {
  objectId: ObjectId;
  name: string;
  promptFrames: number[];
}

async function renderTracked(
  ctx: RenderContext,
  mediaId: string,
  frameCount: number,
  objects: PromptedObject[],
  output: RenderOutput & { range: FrameRange },
): Promise<ExportResult> {
  const { service, waiter, out } = ctx;
  const { range } = output;
  try {
    validateFrameRange(range, frameCount);
  } catch (err) {
    throw new Error(`Range ${formatRange(range)}: ${(err as Error).message}`);
  }
  const prompted = objects.filter((o) => o.promptFrames.length);
  if (!prompted.length) throw new Error(`Nothing to render: ${objects.map((o) => `"${o.name}"`).join(', ')} ${objects.length > 1 ? 'have' : 'has'} no prompts.`);
  const objectIds = prompted.map((o) => o.objectId);
  if (output.format !== 'mask') await chooseHead(ctx, mediaId, output);
  const span = propagationSpan(
    range,
    prompted.map((o) => o.promptFrames[0]),
  );

  const propagation = await service.propagate(mediaId, { direction: 'both', objectIds, range: span });
  await follow(waiter, propagation.jobId, out, 'Tracking');

  const job = await service.exportMatte({
    mediaId,
    format: output.format,
    alphaMode: output.alphaMode,
    exr: output.exr,
    outputPath: output.out,
    objectIds,
    range,
    split: output.perObject ? 'per-object' : 'merged',
    quality: output.quality,
  });
  return (await follow(waiter, job.jobId, out, `Rendering ${output.format}`))!;
}
