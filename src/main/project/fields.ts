/** Checks for values read from a file, each failure naming the field (objects[2].name) and what was there. */

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  // Lists and objects are named, not printed: a hostile file can nest them deeper than the stack.
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function fail(path: string, expected: string, value: unknown): never {
  throw new Error(`${path} must be ${expected} (found ${shown(value)})`);
}

export function record(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(path, 'an object', value);
  return value as Record<string, unknown>;
}

export function list(value: unknown, path: string): unknown[] {
  if (!Array.isArray(value)) fail(path, 'a list', value);
  return value;
}

export function text(value: unknown, path: string): string {
  if (typeof value !== 'string' || !value.trim()) fail(path, 'a non-empty string', value);
  return value;
}

export function flag(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') fail(path, 'true or false', value);
  return value;
}

export function count(value: unknown, path: string, min = 0): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) fail(path, `a whole number from ${min}`, value);
  return value;
}

export function fraction(value: unknown, path: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) fail(path, 'a number from 0 to 1', value);
  return value;
}

export function numberIn(value: unknown, path: string, min: number, max: number, whole = false): number {
  if (typeof value !== 'number' || !(value >= min && value <= max) || (whole && !Number.isInteger(value)))
    fail(path, `a ${whole ? 'whole ' : ''}number from ${min} to ${max}`, value);
  return value;
}

export function oneOf<T extends string>(value: unknown, path: string, options: readonly T[]): T {
  if (!options.includes(value as T)) fail(path, `one of ${options.join(', ')}`, value);
  return value as T;
}

export function nullable<T>(value: unknown, path: string, read: (value: unknown, path: string) => T): T | null {
  return value === null ? null : read(value, path);
}
