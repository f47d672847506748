/** Matte controls checked: a change clamps to each control's range, as its slider does; a file must hold values in range. */
import { z } from 'zod';
import { MATTE_CONTROLS, type MatteControls } from '../../shared/matte-controls';
import { numberIn } from '../../shared/schema-fields';

export function patchMatteControls(current: MatteControls, patch: unknown): MatteControls {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('Matte controls must be an object of changes.');
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const spec = MATTE_CONTROLS.find((s) => s.key === key);
    if (!spec) throw new Error(`Unknown matte control ${key}; known: ${MATTE_CONTROLS.map((s) => s.key).join(', ')}.`);
    if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${spec.label} must be a number from ${spec.min} to ${spec.max}, not ${String(value)}.`);
    const clamped = Math.min(spec.max, Math.max(spec.min, value));
    next[spec.key] = spec.whole ? Math.round(clamped) : clamped;
  }
  return next;
}

/** Matte controls as a file holds them: every control, within its range. */
export const storedMatteControls = z
  .object(Object.fromEntries(MATTE_CONTROLS.map(({ key, min, max, whole }) => [key, numberIn(min, max, whole)])))
  .transform((controls) => controls as unknown as MatteControls);
