/** A path from a request: text that names something, resolved against the working folder. */
import { resolve } from 'node:path';

export function checkPath(path: unknown, what: string): string {
  if (typeof path !== 'string' || !path.trim()) throw new Error(`Give the path of ${what}.`);
  return resolve(path.trim());
}
