/**
 * The arguments of each StudioApi method as a schema, checked where a transport hands a call to the
 * services (main/services/dispatch.ts): a call that does not fit is refused naming the method and the
 * argument's path. These check shapes and types; the services still check values against the clip
 * (a frame within it, a prompt inside the picture, an object that exists).
 */
import { z } from 'zod';
import { OVERLAY_MODES, type ApiArgs, type ApiMethod } from './api';
import { count, finite, flag, oneOf } from './schema-fields';

/** An argument, named for messages. */
const arg = <T extends z.ZodType>(name: string, schema: T) => schema.describe(name);

/** An argument that may be left out; the browser host's JSON carries a left-out argument before others as null. */
const optionalArg = <T extends z.ZodType>(name: string, schema: T) =>
  schema
    .nullish()
    .transform((v) => v ?? undefined)
    .describe(name);

const id = z.string({ error: 'must be a string (an id)' });
const objectId = count(1);
const frame = count(0);
const path = z.string({ error: 'must be a string (a path)' });
const quality = oneOf(['preview', 'final']);
const objectIds = z.array(objectId);

const prompt = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('point'), x: finite(), y: finite(), positive: flag() }),
  z.object({ kind: z.literal('box'), x0: finite(), y0: finite(), x1: finite(), y1: finite() }),
  z.object({ kind: z.literal('stroke'), points: z.array(finite()), radius: finite(), mode: oneOf(['add', 'subtract']) }),
  z.object({ kind: z.literal('mask'), width: count(1), height: count(1), data: z.instanceof(Uint8Array, { error: 'must be bytes (a Uint8Array)' }) }),
]);

const matteControls = z.strictObject({
  grow: finite(),
  feather: finite(),
  contrast: finite(),
  shiftEdge: finite(),
  decontamination: finite(),
  temporalStability: finite(),
});

const objectPatch = z
  .strictObject({
    name: z.string(),
    color: z.string(),
    hidden: flag(),
    locked: flag(),
    overlay: oneOf(OVERLAY_MODES),
    opacity: finite(),
    matte: matteControls.partial(),
  })
  .partial();

const settingsPatch = z
  .strictObject({
    head: z.string(),
    quality,
    inPoint: frame.nullable(),
    outPoint: frame.nullable(),
    exclusive: flag(),
  })
  .partial();

/** An inclusive range of frames (shared/common/frame-range.ts). */
const frameRange = z.strictObject({ start: frame, end: frame });

const propagateRequest = z.object({
  objectIds: objectIds.optional(),
  startFrame: frame.optional(),
  direction: oneOf(['forward', 'backward', 'both']),
  range: frameRange.optional(),
  correction: flag().optional(),
});

const exportRequest = z.object({
  mediaId: id,
  format: oneOf(['prores4444', 'png', 'matte', 'exr', 'mask']),
  outputPath: path,
  objectIds: objectIds.optional(),
  alphaMode: oneOf(['straight', 'premultiplied']).optional(),
  exr: z.strictObject({ compression: oneOf(['zip', 'zips', 'none']).optional(), objectColour: flag().optional() }).optional(),
  /** The frames an export covers (inclusive); the whole clip when left out. */
  range: frameRange.optional(),
  split: oneOf(['merged', 'per-object']).optional(),
  quality: quality.optional(),
});

const mediaArg = arg('mediaId', id);
const objectArg = arg('objectId', objectId);
const frameArg = arg('frame', frame);

export const API_ARGS = {
  getEngineInfo: z.tuple([optionalArg('mediaId', id)]),
  listDirectory: z.tuple([optionalArg('path', path)]),
  openMedia: z.tuple([arg('path', path)]),
  getFrame: z.tuple([mediaArg, arg('index', frame), optionalArg('maxWidth', z.number().positive())]),
  listObjects: z.tuple([mediaArg]),
  createObject: z.tuple([mediaArg, optionalArg('name', z.string())]),
  removeObject: z.tuple([mediaArg, objectArg]),
  updateObject: z.tuple([mediaArg, objectArg, arg('patch', objectPatch)]),
  getPrompts: z.tuple([mediaArg, objectArg, frameArg]),
  setPrompts: z.tuple([mediaArg, objectArg, frameArg, arg('prompts', z.array(prompt))]),
  getMask: z.tuple([mediaArg, objectArg, frameArg]),
  needsImageFeatures: z.tuple([mediaArg, frameArg]),
  getMatte: z.tuple([mediaArg, frameArg, optionalArg('objectIds', objectIds), optionalArg('quality', quality)]),
  getTrimap: z.tuple([mediaArg, frameArg, optionalArg('objectIds', objectIds)]),
  getTrackStats: z.tuple([mediaArg, objectArg]),
  propagate: z.tuple([mediaArg, arg('request', propagateRequest)]),
  exportMatte: z.tuple([arg('request', exportRequest)]),
  cancelJob: z.tuple([arg('jobId', id)]),
  getSettings: z.tuple([mediaArg]),
  updateSettings: z.tuple([mediaArg, arg('patch', settingsPatch)]),
  undo: z.tuple([mediaArg]),
  redo: z.tuple([mediaArg]),
  getHistory: z.tuple([mediaArg]),
  saveProject: z.tuple([mediaArg, optionalArg('path', path)]),
  openProject: z.tuple([arg('path', path)]),
  relinkProject: z.tuple([arg('projectPath', path), arg('searchFolder', path)]),
  listRecoveries: z.tuple([]),
  restoreRecovery: z.tuple([arg('id', id)]),
  discardRecovery: z.tuple([arg('id', id)]),
  listModels: z.tuple([]),
  downloadModel: z.tuple([arg('modelId', id), optionalArg('acceptedLicence', z.string())]),
  importModel: z.tuple([arg('modelId', id), arg('path', path)]),
  removeModel: z.tuple([arg('modelId', id)]),
} satisfies Record<ApiMethod, z.ZodType<unknown[]>>;

/** Methods whose checked arguments would not fit the interface's parameters. */
type MisfitArgs = { [M in ApiMethod]: z.output<(typeof API_ARGS)[M]> extends ApiArgs<M> ? never : M }[ApiMethod];
/** Compile-time check that every schema's output is what its StudioApi method takes. */
export const API_ARGS_FIT: [MisfitArgs] extends [never] ? true : MisfitArgs = true;
