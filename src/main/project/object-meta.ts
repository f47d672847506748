/** Checked changes to an object's name, colour, visibility flags, overlay and matte controls. */
import { OVERLAY_MODES } from '../../shared/api';
import { fraction, oneOf } from '../../shared/schema-fields';
import { patchMatteControls } from './matte-controls';
import { checkColor } from './object-colors';
import { readProjectJson } from './project-json';
import type { ObjectMeta } from './project-model';

export function patchObjectMeta(meta: ObjectMeta, patch: unknown): ObjectMeta {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('Object changes must be an object.');
  const next = { ...meta };
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'name':
        if (typeof value !== 'string' || !value.trim()) throw new Error('An object needs a name.');
        next.name = value.trim();
        break;
      case 'color':
        next.color = checkColor(value);
        break;
      case 'hidden':
      case 'locked':
        if (typeof value !== 'boolean') throw new Error(`${key} must be true or false, not ${String(value)}.`);
        next[key] = value;
        break;
      case 'overlay':
        next.overlay = readProjectJson(oneOf(OVERLAY_MODES), value, 'overlay');
        break;
      case 'opacity':
        next.opacity = readProjectJson(fraction(), value, 'opacity');
        break;
      case 'matte':
        next.matte = patchMatteControls(meta.matte, value);
        break;
      default:
        throw new Error(`Unknown object field ${key}.`);
    }
  }
  return next;
}
