/** A path from a request: text that names something, resolved against the working folder. */
import { resolve } from 'node:path';
import { StudioError } from '../../shared/errors';

export function checkPath(path: unknown, what: string): string {
  if (typeof path !== 'string' || !path.trim()) throw new StudioError('bad-request', `Give the path of ${what}.`);
  return resolve(path.trim());
}
