/**
 * Older project files, moved forward one version at a time to the current shape.
 *
 * Version 1 (the first editor builds) held only the media path and each object's prompts keyed
 * by frame, mask prompts as plain lists of 0..255:
 *   { "version": 1, "mediaPath": "/a/clip.mp4",
 *     "objects": [{ "id": 1, "name": "Hero", "prompts": { "0": [{ "kind": "point", ... }] } }] }
 *
 * Version 2 held temporal stability once for the project (settings.temporalStability) and no other
 * matte controls; version 3 holds all of them per object (objects[i].matte).
 *
 * Version 4 adds how the viewer draws each object (objects[i].overlay and .opacity) and the
 * exclusive-objects setting (settings.exclusive). Builds of the editor branch wrote these fields
 * into version 2 files before the two lines met; moving such a file forward keeps them, while
 * every other older file gets the defaults (outline and fill at half opacity, objects overlap).
 */
import { deflateRawSync } from 'node:zlib';
import { z } from 'zod';
import { DEFAULT_OVERLAY } from '../../shared/api';
import { NEUTRAL_MATTE } from '../../shared/matte-controls';
import { count, fraction, numberIn, text } from '../../shared/schema-fields';
import { forwardIssues, PARSE_OPTIONS } from '../../shared/schema-issues';
import { objectColor } from './object-colors';
import { readProjectJson } from './project-json';

type Json = Record<string, unknown>;

const v1MaskBytes = z.array(numberIn(0, 255, true));

/** Version 1's mask prompts held plain lists of 0..255: deflated as the later versions store them. */
const v1Prompt = z.looseObject({ kind: z.unknown() }, { error: 'must be an object' }).transform((prompt, ctx) => {
  if (prompt.kind !== 'mask') return prompt;
  const data = v1MaskBytes.safeParse(prompt.data, PARSE_OPTIONS);
  if (!data.success) {
    forwardIssues(ctx, data.error.issues, ['data']);
    return z.NEVER;
  }
  return { kind: 'mask', width: prompt.width, height: prompt.height, deflated: deflateRawSync(Uint8Array.from(data.data)).toString('base64') };
});

/** Prompts keyed by frame number. */
const v1Keyframes = z.record(z.string(), z.array(v1Prompt)).transform((byFrame, ctx) => {
  const keyframes = [];
  for (const [key, prompts] of Object.entries(byFrame)) {
    if (!/^\d+$/.test(key)) {
      ctx.issues.push({ code: 'custom', message: `key ${JSON.stringify(key)} must be a whole number from 0`, input: key });
      return z.NEVER;
    }
    keyframes.push({ frame: Number(key), prompts });
  }
  return keyframes;
});

const version1 = z.looseObject({
  mediaPath: text(),
  objects: z.array(
    z
      .looseObject({ id: count(1), name: text(), prompts: v1Keyframes })
      .transform(({ id, name, prompts }) => ({ id, name, color: objectColor(id), hidden: false, locked: false, keyframes: prompts })),
  ),
});

function fromVersion1(json: Json): Json {
  const { mediaPath, objects } = readProjectJson(version1, json);
  return {
    version: 2,
    media: { path: mediaPath, relativePath: null, size: null, hash: null },
    tracker: null,
    // Version 2's defaults, as that version wrote them.
    settings: { head: 'guided-filter', quality: 'preview', temporalStability: 0, inPoint: null, outPoint: null },
    nextObjectId: Math.max(0, ...objects.map((o) => o.id)) + 1,
    objects,
  };
}

const objectList = z.array(z.looseObject({}, { error: 'must be an object' }));

const version2 = z.looseObject({ settings: z.looseObject({ temporalStability: fraction() }), objects: objectList });

/** Every object gets neutral matte controls and the project's temporal stability, so the project exports as it did. */
function fromVersion2(json: Json): Json {
  const {
    settings: { temporalStability, ...settings },
    objects,
  } = readProjectJson(version2, json);
  const matte = { ...NEUTRAL_MATTE, temporalStability };
  return { ...json, version: 3, settings, objects: objects.map((o) => ({ ...o, matte })) };
}

const version3 = z.looseObject({ settings: z.looseObject({}), objects: objectList });

/**
 * Every object gets the default overlay and objects may overlap, so the project looks and exports as
 * it did; values already there (version 2 files from editor builds, carried by fromVersion2) stay.
 */
function fromVersion3(json: Json): Json {
  const { settings, objects } = readProjectJson(version3, json);
  return {
    ...json,
    version: 4,
    settings: { ...settings, exclusive: settings.exclusive ?? false },
    objects: objects.map((o) => ({ ...o, overlay: o.overlay ?? DEFAULT_OVERLAY.overlay, opacity: o.opacity ?? DEFAULT_OVERLAY.opacity })),
  };
}

/** Steps from each old version to the next. */
const STEPS: Record<number, (json: Json) => Json> = { 1: fromVersion1, 2: fromVersion2, 3: fromVersion3 };

export function migrateToCurrent(json: Json, version: number): Json {
  let current = json;
  for (let v = version; STEPS[v]; v++) current = STEPS[v](current);
  return current;
}
