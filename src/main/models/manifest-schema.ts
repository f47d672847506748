/** Checks parsed manifest JSON field by field, so a bad edit fails naming the field's path. */
import type { ExecutionProvider, ModelFamily, ModelManifest, ModuleBuild, ModelSpec, ModuleSource, ModuleSpec, TensorSpec, TensorType } from '../../shared/models';
import { ModelError } from '../../shared/model-error';

export const SUPPORTED_MANIFEST_VERSION = 1;
const PROVIDERS: readonly ExecutionProvider[] = ['cuda', 'dml', 'coreml', 'cpu'];
const TENSOR_TYPES: readonly TensorType[] = ['float32', 'float16', 'int32', 'int64', 'bool', 'uint8'];
const FAMILIES: readonly ModelFamily[] = ['sam2-tracker', 'matting-head', 'sam2matting-heads'];
const BUILDS: readonly ModuleBuild[] = ['sam2-constants', 'sam2matting-heads'];
const SHA256 = /^[0-9a-f]{64}$/i;

type JsonObject = Record<string, unknown>;

/** Reads typed values out of untrusted JSON; every failure names the path and what was found. */
class FieldReader {
  constructor(private readonly source: string) {}

  fail(path: string, problem: string): never {
    throw new ModelError('manifest', `${this.source}: ${path} ${problem}`);
  }

  /** An object with exactly these keys (optional ones may be absent), so typos do not pass silently. */
  object(value: unknown, path: string, required: string[], optional: string[] = []): JsonObject {
    const obj = this.map(value, path);
    for (const key of required) if (!(key in obj)) this.fail(path, `lacks the field "${key}"`);
    for (const key of Object.keys(obj)) {
      if (!required.includes(key) && !optional.includes(key)) this.fail(`${path}.${key}`, 'is not a known field');
    }
    return obj;
  }

  /** An object with free keys (role → spec). */
  map(value: unknown, path: string): JsonObject {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) {
      this.fail(path, `must be an object, found ${shown(value)}`);
    }
    return value as JsonObject;
  }

  array(value: unknown, path: string, minLength = 0): unknown[] {
    if (!Array.isArray(value)) this.fail(path, `must be an array, found ${shown(value)}`);
    if (value.length < minLength) this.fail(path, `must have at least ${minLength} entr${minLength === 1 ? 'y' : 'ies'}`);
    return value;
  }

  string(value: unknown, path: string): string {
    if (typeof value !== 'string' || value.trim() === '') {
      this.fail(path, `must be a non-empty string, found ${shown(value)}`);
    }
    return value;
  }

  positiveInteger(value: unknown, path: string): number {
    if (!Number.isSafeInteger(value) || (value as number) <= 0) this.fail(path, `must be a positive integer, found ${shown(value)}`);
    return value as number;
  }

  boolean(value: unknown, path: string): boolean {
    if (typeof value !== 'boolean') this.fail(path, `must be true or false, found ${shown(value)}`);
    return value;
  }

  oneOf<T extends string>(value: unknown, path: string, allowed: readonly T[]): T {
    if (!allowed.includes(value as T)) this.fail(path, `must be one of ${allowed.join(', ')}, found ${shown(value)}`);
    return value as T;
  }

  strings(value: unknown, path: string): string[] {
    return this.array(value, path).map((item, i) => this.string(item, `${path}[${i}]`));
  }

  unique(values: string[], path: string, what: string): void {
    const seen = new Set<string>();
    for (const value of values) {
      if (seen.has(value)) this.fail(path, `lists the ${what} "${value}" twice`);
      seen.add(value);
    }
  }
}

function shown(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Validates a parsed manifest; `source` names it in errors (usually its path). */
export function parseManifest(value: unknown, source = 'manifest.json'): ModelManifest {
  const r = new FieldReader(source);
  const root = r.object(value, 'manifest', ['version', 'executionProviders', 'models'], ['notes']);
  if (root.version !== SUPPORTED_MANIFEST_VERSION) {
    r.fail('manifest.version', `must be ${SUPPORTED_MANIFEST_VERSION}, found ${shown(root.version)}`);
  }
  const executionProviders = r.array(root.executionProviders, 'manifest.executionProviders', 1).map((p, i) => r.oneOf(p, `manifest.executionProviders[${i}]`, PROVIDERS));
  r.unique(executionProviders, 'manifest.executionProviders', 'provider');
  const models = r.array(root.models, 'manifest.models', 1).map((m, i) => parseModel(r, m, `manifest.models[${i}]`));
  r.unique(
    models.map((m) => m.id),
    'manifest.models',
    'model id',
  );
  for (const model of models) {
    if (model.tracker !== undefined && !models.some((m) => m.id === model.tracker && m.family === 'sam2-tracker')) {
      r.fail(`manifest.models["${model.id}"].tracker`, `must name a sam2-tracker model of the manifest, found ${shown(model.tracker)}`);
    }
  }
  return {
    version: SUPPORTED_MANIFEST_VERSION,
    executionProviders,
    models,
    ...(root.notes === undefined ? {} : { notes: r.strings(root.notes, 'manifest.notes') }),
  };
}

function parseModel(r: FieldReader, value: unknown, indexPath: string): ModelSpec {
  const raw = r.object(
    value,
    indexPath,
    ['id', 'family', 'title', 'licence', 'modules'],
    ['licenceUrl', 'requiresLicenceAcceptance', 'tracker', 'sizeBytes', 'sizeApproximate', 'notes'],
  );
  const id = r.string(raw.id, `${indexPath}.id`);
  // Once the id is known it names the model better than its index.
  const path = `manifest.models["${id}"]`;
  const modules = Object.entries(r.map(raw.modules, `${path}.modules`)).map(([role, m]) => [role, parseModule(r, m, `${path}.modules.${role}`)] as const);
  if (modules.length === 0) r.fail(`${path}.modules`, 'must list at least one module');
  r.unique(
    modules.map(([, m]) => m.file),
    `${path}.modules`,
    'file',
  );
  const family = r.oneOf(raw.family, `${path}.family`, FAMILIES);
  // The heads only make sense on the tracker their checkpoint holds: the pairing check needs to know which.
  if (family === 'sam2matting-heads' && raw.tracker === undefined) r.fail(path, 'lacks the field "tracker" (the SAM 2.1 model its heads were trained with)');
  return {
    id,
    family,
    title: r.string(raw.title, `${path}.title`),
    licence: r.string(raw.licence, `${path}.licence`),
    ...(raw.licenceUrl === undefined ? {} : { licenceUrl: allowedUrl(r, raw.licenceUrl, `${path}.licenceUrl`) }),
    ...(raw.requiresLicenceAcceptance === undefined ? {} : { requiresLicenceAcceptance: r.boolean(raw.requiresLicenceAcceptance, `${path}.requiresLicenceAcceptance`) }),
    ...(raw.tracker === undefined ? {} : { tracker: r.string(raw.tracker, `${path}.tracker`) }),
    modules: Object.fromEntries(modules),
    ...(raw.sizeBytes === undefined ? {} : { sizeBytes: r.positiveInteger(raw.sizeBytes, `${path}.sizeBytes`) }),
    ...(raw.sizeApproximate === undefined ? {} : { sizeApproximate: r.boolean(raw.sizeApproximate, `${path}.sizeApproximate`) }),
    ...(raw.notes === undefined ? {} : { notes: r.strings(raw.notes, `${path}.notes`) }),
  };
}

function parseModule(r: FieldReader, value: unknown, path: string, variant = false): ModuleSpec {
  const raw = r.object(value, path, ['file', 'sha256', 'inputs', 'outputs'], variant ? ['url', 'source'] : ['url', 'source', 'variants']);
  const file = r.string(raw.file, `${path}.file`);
  // The file is joined to the model's folder: a path here could point anywhere on disk.
  if (/[/\\]/.test(file) || file === '..' || file === '.') {
    r.fail(`${path}.file`, `must be a plain file name, found ${shown(file)}`);
  }
  const source = raw.source === undefined ? undefined : parseSource(r, raw.source, `${path}.source`);
  if (raw.url === undefined && !source) r.fail(path, 'lacks the field "url"');
  const url = raw.url === undefined ? source!.checkpoint : allowedUrl(r, raw.url, `${path}.url`);
  // A derived file's bytes come from its checkpoint: a second, different URL would leave it unclear which.
  if (source && url !== source.checkpoint) r.fail(`${path}.url`, `must be the checkpoint's URL ${shown(source.checkpoint)} or absent, found ${shown(url)}`);
  if (raw.sha256 !== null && (typeof raw.sha256 !== 'string' || !SHA256.test(raw.sha256))) {
    r.fail(`${path}.sha256`, `must be null or 64 hex digits, found ${shown(raw.sha256)}`);
  }
  const outputs = parseTensors(r, raw.outputs, `${path}.outputs`);
  if (Object.keys(outputs).length === 0) r.fail(`${path}.outputs`, 'must list at least one output');
  const variants = raw.variants === undefined ? undefined : parseVariants(r, raw.variants, `${path}.variants`);
  return {
    file,
    url,
    ...(source ? { source } : {}),
    sha256: raw.sha256 === null ? null : (raw.sha256 as string).toLowerCase(),
    // A graph may have no inputs (e.g. one that only holds constants).
    inputs: parseTensors(r, raw.inputs, `${path}.inputs`),
    outputs,
    ...(variants ? { variants } : {}),
  };
}

/** Alternative files of a module: full module entries of their own, each with another file name. */
function parseVariants(r: FieldReader, value: unknown, path: string): ModuleSpec[] {
  if (!Array.isArray(value) || value.length === 0) r.fail(path, `must be a non-empty list of module entries, found ${shown(value)}`);
  return (value as unknown[]).map((v, i) => parseModule(r, v, `${path}[${i}]`, true));
}

/**
 * `{ "checkpoint": URL, "build"?: ..., "sha256"?: ... }`: the file is built from that PyTorch checkpoint
 * (SAM 2.1's constants unless `build` says otherwise), which must hash to `sha256` when downloaded.
 */
function parseSource(r: FieldReader, value: unknown, path: string): ModuleSource {
  const raw = r.object(value, path, ['checkpoint'], ['build', 'sha256']);
  if (raw.sha256 !== undefined && (typeof raw.sha256 !== 'string' || !SHA256.test(raw.sha256))) {
    r.fail(`${path}.sha256`, `must be 64 hex digits, found ${shown(raw.sha256)}`);
  }
  return {
    checkpoint: allowedUrl(r, raw.checkpoint, `${path}.checkpoint`),
    ...(raw.build === undefined ? {} : { build: r.oneOf(raw.build, `${path}.build`, BUILDS) }),
    ...(raw.sha256 === undefined ? {} : { sha256: (raw.sha256 as string).toLowerCase() }),
  };
}

function allowedUrl(r: FieldReader, value: unknown, path: string): string {
  const url = r.string(value, path);
  if (!isAllowedUrl(url)) r.fail(path, `must be an https URL (or http on 127.0.0.1 for a local mirror), found ${shown(url)}`);
  return url;
}

/** https, or plain http only to this machine (a local mirror, the tests' server): nothing in transit to tamper with. */
function isAllowedUrl(url: string): boolean {
  if (!URL.canParse(url)) return false;
  const { protocol, hostname } = new URL(url);
  return protocol === 'https:' || (protocol === 'http:' && (hostname === '127.0.0.1' || hostname === 'localhost' || hostname === '[::1]'));
}

function parseTensors(r: FieldReader, value: unknown, path: string): Record<string, TensorSpec> {
  const entries = Object.entries(r.map(value, path)).map(([role, t]) => [role, parseTensor(r, t, `${path}.${role}`)] as const);
  r.unique(
    entries.map(([, t]) => t.name),
    path,
    'tensor name',
  );
  return Object.fromEntries(entries);
}

function parseTensor(r: FieldReader, value: unknown, path: string): TensorSpec {
  const raw = r.object(value, path, ['name', 'type', 'dims']);
  const dims = r.array(raw.dims, `${path}.dims`).map((d, i) => {
    if (typeof d === 'string' && d.trim() !== '') return d;
    if (typeof d === 'number' && Number.isInteger(d) && d > 0) return d;
    return r.fail(`${path}.dims[${i}]`, `must be a positive integer or a dim name, found ${shown(d)}`);
  });
  return { name: r.string(raw.name, `${path}.name`), type: r.oneOf(raw.type, `${path}.type`, TENSOR_TYPES), dims };
}
