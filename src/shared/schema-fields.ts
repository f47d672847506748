/** The field types every boundary's schema is made of, each refusing with one phrase that follows the field's name. */
import { z } from 'zod';

export const text = () => z.string({ error: 'must be a non-empty string' }).regex(/\S/, { error: 'must be a non-empty string' });

export const flag = () => z.boolean({ error: 'must be true or false' });

/** A whole number from `min`: frame indices, ids, byte counts. */
export function count(min = 0) {
  const error = `must be a whole number from ${min}`;
  return z.int({ error }).min(min, { error });
}

export function numberIn(min: number, max: number, whole = false) {
  const error = `must be a ${whole ? 'whole ' : ''}number from ${min} to ${max}`;
  return (whole ? z.int({ error }) : z.number({ error })).min(min, { error }).max(max, { error });
}

export const fraction = () => numberIn(0, 1);

/** A finite number (zod refuses Infinity and NaN). */
export const finite = () => z.number({ error: 'must be a finite number' });

export function oneOf<const T extends string>(options: readonly T[]) {
  return z.enum(options as readonly [T, ...T[]], { error: `must be one of ${options.join(', ')}` });
}
