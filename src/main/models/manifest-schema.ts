/** The model manifest's schema: a bad edit fails naming the field's path, and models by their id once it is known. */
import { z } from 'zod';
import type { ExecutionProvider, ModelFamily, ModelManifest, ModelSpec, ModuleBuild, ModuleSource, ModuleSpec, TensorSpec, TensorType } from '../../shared/models';
import { flag, oneOf, text } from '../../shared/schema-fields';
import { PARSE_OPTIONS, pathText } from '../../shared/schema-issues';
import { ModelError } from '../../shared/model-error';

export const SUPPORTED_MANIFEST_VERSION = 1;
const PROVIDERS: readonly ExecutionProvider[] = ['cuda', 'dml', 'coreml', 'cpu'];
const TENSOR_TYPES: readonly TensorType[] = ['float32', 'float16', 'int32', 'int64', 'bool', 'uint8'];
const FAMILIES: readonly ModelFamily[] = ['sam2-tracker', 'matting-head', 'sam2matting-heads'];
const BUILDS: readonly ModuleBuild[] = ['sam2-constants', 'sam2matting-heads'];
const SHA256 = /^[0-9a-f]{64}$/i;

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** A refinement's complaint; it says what it found itself where that helps. */
type Ctx = { issues: z.core.$ZodRawIssue[] };
function complain(ctx: Ctx, message: string, input: unknown, path: PropertyKey[] = []): void {
  ctx.issues.push({ code: 'custom', message, input, path });
}

/** Each value once; `what` names them in the complaint ("lists the provider "cpu" twice"). */
function unique(ctx: Ctx, values: string[], what: string): void {
  const twice = values.find((v, i) => values.indexOf(v) !== i);
  if (twice !== undefined) complain(ctx, `lists the ${what} "${twice}" twice`, values);
}

/** https, or plain http only to this machine (a local mirror, the tests' server): nothing in transit to tamper with. */
function isAllowedUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || (protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]'));
}

const allowedUrl = text().superRefine((url, ctx) => {
  if (!isAllowedUrl(url)) complain(ctx, `must be an https URL (or http on 127.0.0.1 for a local mirror), found ${shown(url)}`, url);
});

const sha256 = (error: string) =>
  z
    .string({ error })
    .regex(SHA256, { error })
    .transform((hash) => hash.toLowerCase());

const strings = z.array(text());

const DIM = 'must be a positive integer or a dim name';

const tensor = z.strictObject({
  name: text(),
  type: oneOf(TENSOR_TYPES),
  dims: z.array(z.union([z.string({ error: DIM }).regex(/\S/, { error: DIM }), z.int({ error: DIM }).positive({ error: DIM })], { error: DIM })),
}) satisfies z.ZodType<TensorSpec>;

/** Tensors by role; two roles never name one tensor. */
const tensors = z.record(z.string(), tensor).superRefine((byRole, ctx) =>
  unique(
    ctx,
    Object.values(byRole).map((t) => t.name),
    'tensor name',
  ),
);

/**
 * `{ "checkpoint": URL, "build"?: ..., "sha256"?: ... }`: the file is built from that PyTorch checkpoint
 * (SAM 2.1's constants unless `build` says otherwise), which must hash to `sha256` when downloaded.
 */
const source = z.strictObject({
  checkpoint: allowedUrl,
  build: oneOf(BUILDS).optional(),
  sha256: sha256('must be 64 hex digits').optional(),
}) satisfies z.ZodType<ModuleSource>;

const moduleFields = {
  // The file is joined to the model's folder: a path here could point anywhere on disk.
  file: text().regex(/^(?!\.\.?$)[^/\\]+$/, { error: 'must be a plain file name' }),
  url: allowedUrl.optional(),
  source: source.optional(),
  sha256: sha256('must be null or 64 hex digits').nullable(),
  // A graph may have no inputs (e.g. one that only holds constants).
  inputs: tensors,
  outputs: tensors.superRefine((outputs, ctx) => {
    if (Object.keys(outputs).length === 0) complain(ctx, 'must list at least one output', outputs);
  }),
};

/** A module's url: its own, or its checkpoint's when it is built from one (a second, different URL would leave it unclear which). */
function withUrl<T extends { file: string; url?: string; source?: ModuleSource }>(raw: T, ctx: Ctx): (Omit<T, 'file' | 'url'> & { file: string; url: string }) | typeof z.NEVER {
  const { file, url, ...rest } = raw;
  if (url === undefined && !raw.source) {
    complain(ctx, 'lacks the field "url"', raw);
    return z.NEVER;
  }
  if (raw.source && url !== undefined && url !== raw.source.checkpoint) {
    complain(ctx, `must be the checkpoint's URL ${shown(raw.source.checkpoint)} or absent, found ${shown(url)}`, url, ['url']);
    return z.NEVER;
  }
  return { file, url: url ?? raw.source!.checkpoint, ...rest };
}

/** Alternative files of a module: full module entries of their own, each with another file name. */
const variant = z.strictObject(moduleFields).transform(withUrl) satisfies z.ZodType<ModuleSpec>;

const moduleSpec = z
  .strictObject({
    ...moduleFields,
    variants: z.array(variant, { error: 'must be a non-empty list of module entries' }).min(1, { error: 'must be a non-empty list of module entries' }).optional(),
  })
  .transform(withUrl) satisfies z.ZodType<ModuleSpec>;

const modelSpec = z
  .strictObject({
    id: text(),
    family: oneOf(FAMILIES),
    title: text(),
    licence: text(),
    licenceUrl: allowedUrl.optional(),
    requiresLicenceAcceptance: flag().optional(),
    tracker: text().optional(),
    modules: z.record(z.string(), moduleSpec).superRefine((modules, ctx) => {
      if (Object.keys(modules).length === 0) complain(ctx, 'must list at least one module', modules);
      unique(
        ctx,
        Object.values(modules).map((m) => m.file),
        'file',
      );
    }),
    sizeBytes: z.int({ error: 'must be a positive integer' }).positive({ error: 'must be a positive integer' }).optional(),
    sizeApproximate: flag().optional(),
    notes: strings.optional(),
  })
  .superRefine((model, ctx) => {
    // The heads only make sense on the tracker their checkpoint holds: the pairing check needs to know which.
    if (model.family === 'sam2matting-heads' && model.tracker === undefined) complain(ctx, 'lacks the field "tracker" (the SAM 2.1 model its heads were trained with)', model);
  }) satisfies z.ZodType<ModelSpec>;

const manifest = z
  .strictObject({
    version: z.literal(SUPPORTED_MANIFEST_VERSION),
    executionProviders: z
      .array(oneOf(PROVIDERS))
      .min(1)
      .superRefine((providers, ctx) => unique(ctx, providers, 'provider')),
    models: z
      .array(modelSpec)
      .min(1)
      .superRefine((models, ctx) =>
        unique(
          ctx,
          models.map((m) => m.id),
          'model id',
        ),
      ),
    notes: strings.optional(),
  })
  .superRefine(({ models }, ctx) => {
    for (const [i, model] of models.entries()) {
      if (model.tracker !== undefined && !models.some((m) => m.id === model.tracker && m.family === 'sam2-tracker')) {
        complain(ctx, `must name a sam2-tracker model of the manifest, found ${shown(model.tracker)}`, model.tracker, ['models', i, 'tracker']);
      }
    }
  }) satisfies z.ZodType<ModelManifest>;

/**
 * The issue as one sentence. A model is named by its id where it has one ("manifest.models["sam2.1-hiera-tiny"].title"),
 * except when a field of its own is missing: those are checked before its id names it ("manifest.models[0] lacks the field ...").
 */
function describe(issue: z.core.$ZodIssue, value: unknown): string {
  const last = issue.path[issue.path.length - 1];
  const missing = issue.code === 'invalid_type' && issue.input === undefined && typeof last === 'string';
  const path = missing ? issue.path.slice(0, -1) : issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const phrase = missing
    ? `lacks the field "${String(last)}"`
    : issue.code === 'unrecognized_keys'
      ? 'is not a known field'
      : issue.code === 'custom'
        ? issue.message
        : `${issue.message}, found ${shown(issue.input)}`;
  const index = path[0] === 'models' ? path[1] : undefined;
  const id = typeof index === 'number' ? (value as { models: Array<{ id?: unknown }> }).models[index]?.id : undefined;
  const byId = typeof id === 'string' && id.trim() !== '' && !(missing && path.length === 2);
  const where = byId ? pathText(path.slice(2), `manifest.models[${JSON.stringify(id)}]`) : pathText(path, 'manifest');
  return `${where} ${phrase}`;
}

/** Validates a parsed manifest; `source` names it in errors (usually its path). */
export function parseManifest(value: unknown, source = 'manifest.json'): ModelManifest {
  const parsed = manifest.safeParse(value, PARSE_OPTIONS);
  if (!parsed.success) throw new ModelError('manifest', `${source}: ${describe(parsed.error.issues[0], value)}`);
  return parsed.data;
}
