/**
 * The export job behind StudioApi.exportMatte: checks a request against the clip, works out the
 * outputs (one merged matte, or one per object named after it) and writes them, all or nothing.
 */
import { StudioError } from '../../shared/errors';
import { basename, dirname, extname, join, resolve } from 'node:path';
import {
  defaultAlphaMode,
  EXR_COMPRESSIONS,
  EXR_DEFAULTS,
  type AlphaMode,
  type ExportFormat,
  type ExportRequest,
  type ExportResult,
  type ExrOptions,
  type ProjectSettings,
} from '../../shared/api';
import type { MattingQuality } from '../../shared/engine';
import type { MediaInfo } from '../../shared/media';
import type { ObjectId } from '../../shared/prompts';
import type { Engine, MatteChoice, MatteTarget, RenderOptions } from '../engine/engine';
import { decontaminationAmounts } from '../imaging/matte-refine';
import { exportMatte, type RenderedFrame } from '../media/encode';
import { exrLayerNames } from '../media/exr/layer-names';
import { stageFile, stageFolder, type StagedOutput } from '../media/staged-output';
import { rangeBetween, rangeLength, type FrameRange } from '../../shared/common/frame-range';
import { validateFrameRange } from '../../shared/validate-prompts';

const FORMATS: readonly ExportFormat[] = ['prores4444', 'png', 'matte', 'exr', 'mask'];

export interface NamedObject {
  objectId: ObjectId;
  name: string;
}

export interface ExportOutput {
  /** A .mov file for prores4444, a folder for png, matte and exr. */
  path: string;
  objectIds: ObjectId[];
}

export interface ExportPlan {
  format: ExportFormat;
  alphaMode: AlphaMode;
  range: FrameRange;
  /** The path the request named, resolved. */
  outputPath: string;
  outputs: ExportOutput[];
  /** The exr format's options; null for the others. */
  exr: ExrPlan | null;
}

export interface ExrPlan extends Required<ExrOptions> {
  /** Each chosen object's layer name (exrLayerNames). */
  layers: ReadonlyMap<ObjectId, string>;
}

export interface ExportClip {
  info: MediaInfo;
  /** In/out points: the range when the request gives none. */
  settings: Pick<ProjectSettings, 'inPoint' | 'outPoint'>;
  /** Every object of the clip, in order. */
  objects: NamedObject[];
}

function oneOf<T extends string>(value: unknown, allowed: readonly T[], fallback: T, what: string): T {
  if (value === undefined) return fallback;
  if (!allowed.includes(value as T)) throw new StudioError('bad-request', `Unknown ${what} ${String(value)}; use ${allowed.join(', ')}.`);
  return value as T;
}

/** The head's quality an export asks for: 'final' unless it says 'preview'. */
export function exportQuality(request: ExportRequest): MattingQuality {
  return oneOf(request.quality, ['preview', 'final'], 'final', 'matting quality');
}

/** The media id of a request that came from another process, checked before anything else reads it. */
export function exportMediaId(request: unknown): string {
  if (typeof request !== 'object' || request === null) throw new StudioError('bad-request', 'An export request must be an object.');
  const { mediaId } = request as { mediaId?: unknown };
  if (typeof mediaId !== 'string') throw new StudioError('bad-request', 'An export request needs the mediaId of an open clip.');
  return mediaId;
}

/** Checks a request against the clip and works out what to write; throws a message an editor can act on. */
export function planExport(request: ExportRequest, clip: ExportClip): ExportPlan {
  const { frameCount } = clip.info;
  const format = oneOf(request.format, FORMATS, 'prores4444', 'export format');
  const alphaMode = oneOf(request.alphaMode, ['straight', 'premultiplied'], defaultAlphaMode(format), 'alpha mode');
  const split = oneOf(request.split, ['merged', 'per-object'], 'merged', 'split');
  if (typeof request.outputPath !== 'string' || !request.outputPath.trim()) throw new StudioError('bad-request', 'Choose where to export.');
  // No range given: the project's in/out points, else the whole clip.
  const range = validateFrameRange(request.range ?? rangeBetween(clip.settings.inPoint, clip.settings.outPoint, frameCount), frameCount, 'Export range');
  const objects = chosenObjects(request.objectIds, clip.objects);
  if (request.exr !== undefined && format !== 'exr') throw new StudioError('bad-request', `EXR options go with the exr format, not ${format}.`);
  const exr = format === 'exr' ? exrPlan(request.exr, objects) : null;
  const outputPath = resolve(request.outputPath.trim());
  let outputs: ExportOutput[];
  if (split === 'merged') outputs = [{ path: outputPath, objectIds: objects.map((o) => o.objectId) }];
  else {
    if (!objects.length) throw new StudioError('bad-request', 'There are no objects to export one by one; create and prompt an object first.');
    const paths = perObjectPaths(format, outputPath, objects);
    outputs = objects.map((o, i) => ({ path: paths[i], objectIds: [o.objectId] }));
  }
  return { format, alphaMode, range, outputPath, outputs, exr };
}

function exrPlan(options: unknown, objects: NamedObject[]): ExrPlan {
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new StudioError('bad-request', 'exr must be an object of EXR options.');
  const { compression, objectColour } = (options ?? {}) as ExrOptions;
  if (objectColour !== undefined && typeof objectColour !== 'boolean') throw new StudioError('bad-request', 'exr.objectColour must be true or false.');
  const names = exrLayerNames(objects);
  return {
    compression: oneOf(compression, EXR_COMPRESSIONS, EXR_DEFAULTS.compression, 'EXR compression'),
    objectColour: objectColour ?? EXR_DEFAULTS.objectColour,
    layers: new Map(objects.map((o, i) => [o.objectId, names[i]])),
  };
}

function chosenObjects(objectIds: unknown, objects: NamedObject[]): NamedObject[] {
  if (objectIds === undefined) return objects;
  if (!Array.isArray(objectIds)) throw new StudioError('bad-request', 'objectIds must be a list of object ids.');
  const twice = objectIds.find((id, i) => objectIds.indexOf(id) !== i);
  if (twice !== undefined) throw new StudioError('bad-request', `Object ${String(twice)} is chosen twice for the export.`);
  return objectIds.map((id: unknown) => {
    const object = objects.find((o) => o.objectId === id);
    if (!object) throw new StudioError('not-found', `Object ${String(id)} does not exist in this clip.`);
    return object;
  });
}

/**
 * Where each object's output goes: shot.mov → shot_<name>.mov beside it; a folder → <folder>/<name>/.
 * Names become safe file names, and two objects never share one (the later gets its id appended).
 */
export function perObjectPaths(format: ExportFormat, outputPath: string, objects: NamedObject[]): string[] {
  const taken = new Set<string>();
  return objects.map(({ objectId, name }) => {
    let safe = safeFileName(name, `object-${objectId}`);
    // Case-insensitive: macOS and Windows file systems are.
    if (taken.has(safe.toLowerCase())) safe = `${safe}_${objectId}`;
    taken.add(safe.toLowerCase());
    if (format !== 'prores4444') return join(outputPath, safe);
    const ext = extname(outputPath);
    return join(dirname(outputPath), `${basename(outputPath, ext)}_${safe}${ext || '.mov'}`);
  });
}

/** A name as one path component on every platform: letters, digits, . _ - only, no leading dot, no device names. */
export function safeFileName(name: string, fallback: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._-]+/gu, '_')
    .replace(/^[._]+|[._]+$/g, '')
    .slice(0, 80);
  if (!cleaned) return fallback;
  return /^(con|prn|aux|nul|com\d|lpt\d)$/i.test(cleaned) ? `${cleaned}_` : cleaned;
}

export interface ExportRun {
  info: MediaInfo;
  /** Renders each frame; each output is one sequence (chatter reduction between its frames). */
  engine: Pick<Engine, 'renderFrame' | 'sequence'>;
  /** Each object's matte controls as they were when the export started: edits while it runs do not change it halfway. */
  targets: ReadonlyMap<ObjectId, MatteTarget>;
  choice: MatteChoice;
  signal?: AbortSignal;
  /** Frames written over all outputs. */
  onProgress?(done: number, total: number): void;
}

/**
 * Writes every output of the plan. Each is staged beside its target and all are moved into place
 * only once all are complete, so a failure or a cancel leaves no partial set behind.
 */
export async function runExport(plan: ExportPlan, run: ExportRun): Promise<ExportResult> {
  const frames = rangeLength(plan.range);
  const total = frames * plan.outputs.length;
  const staged: StagedOutput[] = [];
  try {
    // Staged up front: an unwritable target fails before any frame is rendered.
    for (const output of plan.outputs) staged.push(await (plan.format === 'prores4444' ? stageFile(output.path) : stageFolder(output.path)));
    for (const [i, output] of plan.outputs.entries()) {
      const sequence = run.engine.sequence();
      await exportMatte({
        source: run.info,
        format: plan.format,
        outputPath: staged[i].path,
        alphaMode: plan.alphaMode,
        exr: plan.exr ?? undefined,
        range: plan.range,
        signal: run.signal,
        renderFrame: (index, signal) => outputFrame(run, output, plan, index, { sequence, signal }),
        onProgress: (done) => run.onProgress?.(i * frames + done, total),
      }).catch((err: Error) => {
        // Name the target in the message, not the hidden staging name.
        err.message = err.message.replaceAll(staged[i].path, output.path);
        throw err;
      });
    }
    for (const output of staged) await output.commit();
  } catch (err) {
    await Promise.all(staged.map((s) => s.discard()));
    throw err;
  }
  return { outputPath: plan.outputPath, frames, outputs: plan.outputs.map((o) => o.path) };
}

/** An output's frame; for OpenEXR with each object's own matte too, as its layer. */
async function outputFrame(run: ExportRun, output: ExportOutput, plan: ExportPlan, index: number, options: Pick<RenderOptions, 'sequence' | 'signal'>): Promise<RenderedFrame> {
  const targets = output.objectIds.map((id) => run.targets.get(id)!);
  const rendered = await run.engine.renderFrame(index, targets, { ...run.choice, ...options, output: plan.format === 'mask' ? 'mask' : 'matte' });
  const { image, alpha, decontamination } = rendered;
  if (!plan.exr) return { image, alpha, decontamination };
  const pixels = image.width * image.height;
  const layers = output.objectIds.map((objectId) => {
    const object = rendered.objects.find((o) => o.objectId === objectId);
    // An object absent from the frame is a clear layer.
    if (!object) return { name: plan.exr!.layers.get(objectId)!, alpha: { width: image.width, height: image.height, data: new Uint8Array(pixels) } };
    return {
      name: plan.exr!.layers.get(objectId)!,
      alpha: object.alpha,
      decontamination: decontaminationAmounts([{ alpha: object.alpha, amount: object.decontamination }], pixels),
    };
  });
  return { image, alpha, decontamination, layers };
}
