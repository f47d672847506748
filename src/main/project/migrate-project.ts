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
import { DEFAULT_OVERLAY } from '../../shared/api';
import { NEUTRAL_MATTE } from '../../shared/matte-controls';
import { count, fraction, list, record, text } from './fields';
import { objectColor } from './object-colors';

type Json = Record<string, unknown>;

function migratePrompt(value: unknown, path: string): unknown {
  const prompt = record(value, path);
  if (prompt.kind !== 'mask') return prompt;
  const data = list(prompt.data, `${path}.data`).map((v, i) => count(v, `${path}.data[${i}]`));
  if (data.some((v) => v > 255)) throw new Error(`${path}.data must hold values from 0 to 255`);
  return { kind: 'mask', width: prompt.width, height: prompt.height, deflated: deflateRawSync(Uint8Array.from(data)).toString('base64') };
}

function migrateObject(value: unknown, path: string): Json {
  const object = record(value, path);
  const id = count(object.id, `${path}.id`, 1);
  const byFrame = record(object.prompts, `${path}.prompts`);
  const keyframes = Object.entries(byFrame).map(([key, prompts]) => {
    const frame = Number(key);
    count(frame, `${path}.prompts key "${key}"`);
    return { frame, prompts: list(prompts, `${path}.prompts["${key}"]`).map((p, i) => migratePrompt(p, `${path}.prompts["${key}"][${i}]`)) };
  });
  return { id, name: text(object.name, `${path}.name`), color: objectColor(id), hidden: false, locked: false, keyframes };
}

function fromVersion1(json: Json): Json {
  const objects = list(json.objects, 'objects').map((o, i) => migrateObject(o, `objects[${i}]`));
  const maxId = Math.max(0, ...objects.map((o) => o.id as number));
  return {
    version: 2,
    media: { path: text(json.mediaPath, 'mediaPath'), relativePath: null, size: null, hash: null },
    tracker: null,
    // Version 2's defaults, as that version wrote them.
    settings: { head: 'guided-filter', quality: 'preview', temporalStability: 0, inPoint: null, outPoint: null },
    nextObjectId: maxId + 1,
    objects,
  };
}

/** Every object gets neutral matte controls and the project's temporal stability, so the project exports as it did. */
function fromVersion2(json: Json): Json {
  const { temporalStability, ...settings } = record(json.settings, 'settings');
  const matte = { ...NEUTRAL_MATTE, temporalStability: fraction(temporalStability, 'settings.temporalStability') };
  const objects = list(json.objects, 'objects').map((o, i) => ({ ...record(o, `objects[${i}]`), matte }));
  return { ...json, version: 3, settings, objects };
}

/**
 * Every object gets the default overlay and objects may overlap, so the project looks and exports as
 * it did; values already there (version 2 files from editor builds, carried by fromVersion2) stay.
 */
function fromVersion3(json: Json): Json {
  const settings = record(json.settings, 'settings');
  const objects = list(json.objects, 'objects').map((o, i) => {
    const object = record(o, `objects[${i}]`);
    return { ...object, overlay: object.overlay ?? DEFAULT_OVERLAY.overlay, opacity: object.opacity ?? DEFAULT_OVERLAY.opacity };
  });
  return { ...json, version: 4, settings: { ...settings, exclusive: settings.exclusive ?? false }, objects };
}

/** Steps from each old version to the next. */
const STEPS: Record<number, (json: Json) => Json> = { 1: fromVersion1, 2: fromVersion2, 3: fromVersion3 };

export function migrateToCurrent(json: Json, version: number): Json {
  let current = json;
  for (let v = version; STEPS[v]; v++) current = STEPS[v](current);
  return current;
}
