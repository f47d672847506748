/**
 * The project file: versioned JSON. Prompts are the truth and are stored; masks and mattes are a
 * cache that opening rebuilds from them, so a file stays small and any tracker can re-derive them.
 */
import { OVERLAY_MODES, type ProjectSettings } from '../../shared/api';
import type { Prompt } from '../../shared/prompts';
import { validatePrompts } from '../../shared/validate-prompts';
import { count, flag, fraction, list, nullable, oneOf, record, text } from './fields';
import { readMatteControls } from './matte-controls';
import { migrateToCurrent } from './migrate-project';
import { checkColor } from './object-colors';
import { decodePrompt, encodePrompt } from './prompt-codec';
import type { MediaReference, ProjectDocument, ProjectObject } from './project-model';

export const PROJECT_FORMAT = 'sam2matting-project';
export const PROJECT_VERSION = 4;

/** extra: top-level fields for files that carry a project plus more (autosaves); readers ignore them. */
export function serializeProject(doc: ProjectDocument, savedAt: string, extra: Record<string, unknown> = {}): string {
  const json = {
    ...extra,
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    savedAt,
    media: doc.media,
    tracker: doc.tracker,
    settings: doc.settings,
    nextObjectId: doc.nextObjectId,
    objects: doc.objects.map((o) => ({
      id: o.objectId,
      name: o.name,
      color: o.color,
      hidden: o.hidden,
      locked: o.locked,
      overlay: o.overlay,
      opacity: o.opacity,
      matte: o.matte,
      keyframes: [...o.prompts.entries()].sort(([a], [b]) => a - b).map(([frame, prompts]) => ({ frame, prompts: prompts.map(encodePrompt) })),
    })),
  };
  return `${JSON.stringify(json, null, 1)}\n`;
}

function readMedia(value: unknown): MediaReference {
  const media = record(value, 'media');
  return {
    path: text(media.path, 'media.path'),
    relativePath: nullable(media.relativePath, 'media.relativePath', text),
    size: nullable(media.size, 'media.size', count),
    hash: nullable(media.hash, 'media.hash', text),
  };
}

function readSettings(value: unknown): ProjectSettings {
  const settings = record(value, 'settings');
  return {
    head: text(settings.head, 'settings.head'),
    quality: oneOf(settings.quality, 'settings.quality', ['preview', 'final'] as const),
    inPoint: nullable(settings.inPoint, 'settings.inPoint', count),
    outPoint: nullable(settings.outPoint, 'settings.outPoint', count),
    exclusive: flag(settings.exclusive, 'settings.exclusive'),
  };
}

function readPrompts(value: unknown, path: string): Prompt[] {
  const decoded = list(value, path).map((p, i) => decodePrompt(p, `${path}[${i}]`));
  try {
    // Types and shapes here; whether they fit the frame is checked against the media when it opens.
    return validatePrompts(decoded, Infinity, Infinity);
  } catch (err) {
    throw new Error(`${path}: ${(err as Error).message}`);
  }
}

function readObject(value: unknown, path: string): ProjectObject {
  const object = record(value, path);
  const prompts = new Map<number, Prompt[]>();
  list(object.keyframes, `${path}.keyframes`).forEach((k, i) => {
    const where = `${path}.keyframes[${i}]`;
    const keyframe = record(k, where);
    const frame = count(keyframe.frame, `${where}.frame`);
    if (prompts.has(frame)) throw new Error(`${where}.frame ${frame} appears twice`);
    const framePrompts = readPrompts(keyframe.prompts, `${where}.prompts`);
    if (framePrompts.length) prompts.set(frame, framePrompts);
  });
  let color: string;
  try {
    color = checkColor(object.color);
  } catch (err) {
    throw new Error(`${path}.color: ${(err as Error).message}`);
  }
  return {
    objectId: count(object.id, `${path}.id`, 1),
    name: text(object.name, `${path}.name`),
    color,
    hidden: flag(object.hidden, `${path}.hidden`),
    locked: flag(object.locked, `${path}.locked`),
    overlay: oneOf(object.overlay, `${path}.overlay`, OVERLAY_MODES),
    opacity: fraction(object.opacity, `${path}.opacity`),
    matte: readMatteControls(object.matte, `${path}.matte`),
    prompts,
  };
}

/** Reads the current version's JSON; every field is checked. */
function readProject(json: Record<string, unknown>): ProjectDocument {
  const objects = list(json.objects, 'objects').map((o, i) => readObject(o, `objects[${i}]`));
  const ids = new Set<number>();
  for (const [i, o] of objects.entries()) {
    if (ids.has(o.objectId)) throw new Error(`objects[${i}].id ${o.objectId} is used twice`);
    ids.add(o.objectId);
  }
  const nextObjectId = count(json.nextObjectId, 'nextObjectId', 1);
  if (objects.some((o) => o.objectId >= nextObjectId)) throw new Error(`nextObjectId ${nextObjectId} must be above every object id`);
  return {
    media: readMedia(json.media),
    tracker: nullable(json.tracker, 'tracker', text),
    settings: readSettings(json.settings),
    nextObjectId,
    objects,
  };
}

/** Parses a project file's text of any known version; a message naming the field when it cannot. */
export function parseProject(source: string): ProjectDocument {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (err) {
    throw new Error(`it is not valid JSON (${(err as Error).message})`);
  }
  const top = record(json, 'the file');
  if (top.format !== undefined && top.format !== PROJECT_FORMAT) throw new Error(`it is not a SAM2Matting project (format ${JSON.stringify(top.format)})`);
  const version = count(top.version, 'version', 1);
  if (version > PROJECT_VERSION)
    throw new Error(`it was saved by a newer SAM2Matting Studio (project version ${version}; this one reads versions up to ${PROJECT_VERSION}); update the app to open it`);
  return readProject(migrateToCurrent(top, version));
}
