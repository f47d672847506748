/**
 * A schema's first complaint as one sentence naming the field: "objects[2].matte.grow must be a whole
 * number from -40 to 40 (found 2.5)". Schemas give their own phrase ("must be ...") where zod's would be
 * vague; `issueMessages` phrases the rest the same way. Every boundary (API arguments, project file,
 * model manifest) words its refusals through here.
 */
import type { z } from 'zod';

type Issue = z.core.$ZodIssue;
type RawIssue = z.core.$ZodRawIssue;

const TYPE_NAMES: Record<string, string> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  tuple: 'a list',
  record: 'an object',
  map: 'an object',
  nan: 'a number',
};

/** zod's phrases, reworded to follow a field's name: "must be a number". Pass as the parse's `error`. */
export function issueMessages(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? JSON.stringify(issue.values[0]) : `one of ${issue.values.join(', ')}`}`;
    case 'invalid_union':
      return 'options' in issue && Array.isArray(issue.options) ? `must be one of ${issue.options.join(', ')}` : 'is none of the shapes it may take';
    case 'too_small':
      if (issue.origin === 'array') return `must have at least ${issue.minimum} entr${issue.minimum === 1 ? 'y' : 'ies'}`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'array') return `must have at most ${issue.maximum} entr${issue.maximum === 1 ? 'y' : 'ies'}`;
      return `must be at most ${issue.maximum}`;
    case 'unrecognized_keys':
      return `has the unknown field${issue.keys.length === 1 ? '' : 's'} ${issue.keys.join(', ')}`;
    default:
      return undefined;
  }
}

/** A value as a message quotes it: short scalars as JSON; lists and objects named, never printed (a hostile file can nest them deeper than the stack). */
export function shortValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (ArrayBuffer.isView(value)) return 'binary data';
  if (typeof value === 'object' && value !== null) return 'an object';
  const text = typeof value === 'number' && !Number.isFinite(value) ? String(value) : (JSON.stringify(value) ?? String(value));
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** A path as a person reads it: objects[2].prompts["0"]; `start` is what the first key follows (a root's name), if anything. */
export function pathText(path: readonly PropertyKey[], start = ''): string {
  let text = start;
  for (const key of path) {
    if (typeof key === 'number') text += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) text += text ? `.${key}` : key;
    else text += `[${JSON.stringify(String(key))}]`;
  }
  return text;
}

export interface IssueWording {
  /** The field's name in the sentence. */
  where: (path: readonly PropertyKey[]) => string;
  /** What was found, after the complaint: " (found 2.5)". Custom issues (a schema's own refinements) say it themselves. */
  found?: (value: unknown) => string;
}

export const FOUND_IN_BRACKETS = (value: unknown) => ` (found ${shortValue(value)})`;

/**
 * The sentence for one issue. A refinement's message that starts with ':' is a whole sentence of
 * its own, put after the field's name: "objects[0].color: Colour red is not a #rrggbb colour."
 */
export function describeIssue(issue: Issue, wording: IssueWording): string {
  const where = wording.where(issue.path);
  const text = issue.message.startsWith(':') ? `${where}${issue.message}` : `${where} ${issue.message}`;
  if (issue.code === 'custom' || !wording.found || !('input' in issue)) return text;
  return `${text}${wording.found(issue.input)}`;
}

/** The first issue of a failed parse (zod reports in the order it checks: the outermost and first field first). */
export function describeError(error: z.ZodError, wording: IssueWording): string {
  return describeIssue(error.issues[0], wording);
}

/** How every boundary parses: zod's phrases reworded, and the value found kept for the message. */
export const PARSE_OPTIONS = { error: issueMessages, reportInput: true } as const;

/** The parsed value, or `fail`'s error made from the sentence for the first issue. */
export function parseOrFail<S extends z.ZodType>(schema: S, value: unknown, wording: IssueWording, fail: (message: string) => Error): z.output<S> {
  const parsed = schema.safeParse(value, PARSE_OPTIONS);
  if (parsed.success) return parsed.data;
  throw fail(describeError(parsed.error, wording));
}

/** Inside a transform: a nested parse's issues, under `path`, as the transform's own. */
export function forwardIssues(ctx: { issues: RawIssue[] }, issues: readonly Issue[], path: readonly PropertyKey[] = []): void {
  for (const issue of issues) ctx.issues.push({ ...issue, path: [...path, ...issue.path] } as RawIssue);
}
