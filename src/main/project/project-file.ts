/**
 * The project file: versioned JSON. Prompts are the truth and are stored; masks and mattes are a
 * cache that opening rebuilds from them, so a file stays small and any tracker can re-derive them.
 */
import { z } from 'zod';
import { OVERLAY_MODES, type ProjectSettings } from '../../shared/api';
import type { Prompt } from '../../shared/prompts';
import { count, flag, fraction, oneOf, text } from '../../shared/schema-fields';
import { storedMatteControls } from './matte-controls';
import { migrateToCurrent } from './migrate-project';
import { checkColor } from './object-colors';
import { encodePrompt, storedPrompts } from './prompt-codec';
import { readProjectJson } from './project-json';
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

const mediaReference = z.object({ path: text(), relativePath: text().nullable(), size: count().nullable(), hash: text().nullable() }) satisfies z.ZodType<MediaReference>;

const settings = z.object({
  head: text(),
  quality: oneOf(['preview', 'final']),
  inPoint: count().nullable(),
  outPoint: count().nullable(),
  exclusive: flag(),
}) satisfies z.ZodType<ProjectSettings>;

const color = z.unknown().transform((value, ctx) => {
  try {
    return checkColor(value);
  } catch (err) {
    ctx.issues.push({ code: 'custom', message: `: ${(err as Error).message}`, input: value });
    return z.NEVER;
  }
});

/** An object's keyframes as prompts per frame; a frame twice is refused, a frame without prompts dropped. */
const keyframes = z.array(z.object({ frame: count(), prompts: storedPrompts })).transform((list, ctx) => {
  const prompts = new Map<number, Prompt[]>();
  for (const [i, { frame, prompts: framePrompts }] of list.entries()) {
    if (prompts.has(frame)) {
      ctx.issues.push({ code: 'custom', path: [i, 'frame'], message: `${frame} appears twice`, input: frame });
      return z.NEVER;
    }
    if (framePrompts.length) prompts.set(frame, framePrompts);
  }
  return prompts;
});

const projectObject = z
  .object({
    id: count(1),
    name: text(),
    color,
    hidden: flag(),
    locked: flag(),
    overlay: oneOf(OVERLAY_MODES),
    opacity: fraction(),
    matte: storedMatteControls,
    keyframes,
  })
  .transform(({ id, keyframes: prompts, ...meta }): ProjectObject => ({ objectId: id, ...meta, prompts }));

/** The current version's JSON; every field is checked, and object ids are unique and below nextObjectId. */
const currentProject = z
  .object({ media: mediaReference, tracker: text().nullable(), settings, nextObjectId: count(1), objects: z.array(projectObject) })
  .superRefine(({ objects, nextObjectId }, ctx) => {
    const ids = new Set<number>();
    for (const [i, { objectId }] of objects.entries()) {
      if (ids.has(objectId)) ctx.addIssue({ code: 'custom', path: ['objects', i, 'id'], message: `${objectId} is used twice` });
      ids.add(objectId);
    }
    if (objects.some((o) => o.objectId >= nextObjectId)) ctx.addIssue({ code: 'custom', path: ['nextObjectId'], message: `${nextObjectId} must be above every object id` });
  }) satisfies z.ZodType<ProjectDocument>;

const projectHeader = z.record(z.string(), z.unknown());

/** Parses a project file's text of any known version; a message naming the field when it cannot. */
export function parseProject(source: string): ProjectDocument {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (err) {
    throw new Error(`it is not valid JSON (${(err as Error).message})`);
  }
  const top = readProjectJson(projectHeader, json);
  if (top.format !== undefined && top.format !== PROJECT_FORMAT) throw new Error(`it is not a SAM2Matting project (format ${JSON.stringify(top.format)})`);
  const { version } = readProjectJson(z.looseObject({ version: count(1) }), top);
  if (version > PROJECT_VERSION)
    throw new Error(`it was saved by a newer SAM2Matting Studio (project version ${version}; this one reads versions up to ${PROJECT_VERSION}); update the app to open it`);
  return readProjectJson(currentProject, migrateToCurrent(top, version));
}
