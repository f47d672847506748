/** Broken project files for the fuzz test, derived from a good one and a seed. */
import type { Random } from './random';

export interface BadProject {
  name: string;
  text: string;
  /** false where the change may leave a project that still opens (a flipped letter in a name). */
  mustFail: boolean;
}

/** Values no field of a project should take; "Infinity" is written as 1e999, which JSON.parse reads as Infinity. */
const WRONG_VALUES: readonly unknown[] = [null, -1, 0.5, 2 ** 53, 1e300, 'Infinity', '', 'text', true, [], {}, [1, 2, 3], { nested: { deep: 1 } }];
const INFINITY = '"__infinity__"';

/** Every path from the root to a value: ["objects", 0, "keyframes", 0, "frame"]. */
function paths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value !== 'object' || value === null) return [prefix];
  const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
  return [prefix, ...entries.flatMap(([key, child]) => paths(child, [...prefix, key]))];
}

function withValue(root: unknown, path: Array<string | number>, value: unknown): string {
  const copy = JSON.parse(JSON.stringify(root)) as Record<string | number, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = path[path.length - 1];
  if (value === undefined) delete parent[last];
  else parent[last] = value === 'Infinity' ? INFINITY.slice(1, -1) : value;
  return JSON.stringify(copy, null, 1).replaceAll(INFINITY, '1e999');
}

export function badProjects(good: string, random: Random, count: number): BadProject[] {
  const json = JSON.parse(good) as Record<string, unknown>;
  const fieldPaths = paths(json).filter((p) => p.length > 0);
  const out: BadProject[] = [];
  for (let i = 0; i < count; i++) {
    const cut = random.int(0, good.length - 2);
    out.push({ name: `cut at byte ${cut}`, text: good.slice(0, cut), mustFail: true });
  }
  for (let i = 0; i < count; i++) {
    const chars = [...good];
    const at = random.int(0, chars.length - 1);
    chars[at] = random.pick(['{', '}', '"', ',', ':', '\\', 'x', '0', '\u0000', '\u00ff']);
    out.push({ name: `byte ${at} replaced`, text: chars.join(''), mustFail: false });
  }
  for (let i = 0; i < 2 * count; i++) {
    const path = random.pick(fieldPaths);
    const value = random.next() < 0.15 ? undefined : random.pick(WRONG_VALUES);
    // Some wrong values are fine for some fields (an empty list of keyframes): opening may succeed.
    out.push({ name: `${path.join('.')} = ${value === undefined ? '(removed)' : JSON.stringify(value)}`, text: withValue(json, path, value), mustFail: false });
  }
  const fixed: Array<[string, string]> = [
    ['version 99', withValue(json, ['version'], 99)],
    ['version 0', withValue(json, ['version'], 0)],
    ['version "2"', withValue(json, ['version'], '2')],
    ['version 1.5', withValue(json, ['version'], 1.5)],
    ['another format', withValue(json, ['format'], 'photoshop')],
    ['empty object', '{}'],
    ['a list', '[]'],
    ['null', 'null'],
    ['empty file', ''],
    ['nested 100000 deep', `${'['.repeat(100000)}${']'.repeat(100000)}`],
    ['keyframe on frame 10^9', withValue(json, ['objects', 0, 'keyframes', 0, 'frame'], 1e9)],
    ['point at x = Infinity', withValue(json, ['objects', 0, 'keyframes', 0, 'prompts', 0, 'x'], 'Infinity')],
    ['point at x = 1e300', withValue(json, ['objects', 0, 'keyframes', 0, 'prompts', 0, 'x'], 1e300)],
    ['point at y = -5', withValue(json, ['objects', 0, 'keyframes', 0, 'prompts', 0, 'y'], -5)],
    ['in point after out point', withValue(JSON.parse(withValue(json, ['settings', 'inPoint'], 6)), ['settings', 'outPoint'], 2)],
    ['media path is a number', withValue(json, ['media', 'path'], 42)],
  ];
  out.push(...fixed.map(([name, text]) => ({ name, text, mustFail: true })));
  return out;
}
