/** Project JSON read through a schema: a failure names the field (objects[2].name) and what was there. */
import type { z } from 'zod';
import { FOUND_IN_BRACKETS, parseOrFail, pathText } from '../../shared/schema-issues';

/** `root` names the value itself: the whole file, or the field a patch changes. */
export function readProjectJson<S extends z.ZodType>(schema: S, json: unknown, root = 'the file'): z.output<S> {
  const where = (path: readonly PropertyKey[]) => (path.length ? pathText(path) : root);
  return parseOrFail(schema, json, { where, found: FOUND_IN_BRACKETS }, (message) => new Error(message));
}
