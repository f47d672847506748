/**
 * Test support: a small two-module model made of generated graphs (y = x + constant), big enough that
 * a download arrives in many chunks, and a manifest that lists it with URLs on a local server.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelManifest, ModelSpec, ModuleSpec } from '../../../shared/models';
import { OnnxGraph } from './onnx-graph';

export const TINY_MODEL_ID = 'tiny-test-model';
/** Values per constant: 40,000 floats, about 160 KB per file. */
export const TINY_WIDTH = 40_000;

/** The constant module `role` adds to its input: value i is offset + i / width. */
export function tinyConstant(offset: number): Float32Array {
  return Float32Array.from({ length: TINY_WIDTH }, (_, i) => offset + i / TINY_WIDTH);
}

function tinyModule(role: string, baseUrl: string): ModuleSpec {
  return {
    file: `${role}.onnx`,
    url: `${baseUrl}/${role}.onnx`,
    sha256: null,
    inputs: { x: { name: `${role}_in`, type: 'float32', dims: ['B', TINY_WIDTH] } },
    outputs: { y: { name: `${role}_out`, type: 'float32', dims: ['B', TINY_WIDTH] } },
  };
}

export const TINY_ROLES = { first: 1, second: 2 } as const;

export function tinyModel(baseUrl: string, id = TINY_MODEL_ID): ModelSpec {
  return {
    id,
    family: 'matting-head',
    title: 'Tiny Test Model',
    licence: 'MIT',
    modules: Object.fromEntries(Object.keys(TINY_ROLES).map((role) => [role, tinyModule(role, baseUrl)])),
  };
}

export function tinyManifest(baseUrl: string, ...models: ModelSpec[]): ModelManifest {
  return { version: 1, executionProviders: ['cpu'], models: models.length ? models : [tinyModel(baseUrl)] };
}

/** The graph bytes of one module: its output is its input plus tinyConstant(offset). */
export function tinyGraph(spec: ModuleSpec, offset: number): Uint8Array {
  const graph = new OnnxGraph(spec.file);
  const x = graph.input(spec.inputs.x);
  const c = graph.constant('float32', [TINY_WIDTH], tinyConstant(offset));
  graph.output(spec.outputs.y, graph.op('Add', [x, c]));
  return graph.toBytes();
}

/** Every module's file name → bytes. */
export function tinyFiles(model: ModelSpec): Map<string, Uint8Array> {
  return new Map(Object.entries(model.modules).map(([role, spec]) => [spec.file, tinyGraph(spec, TINY_ROLES[role as keyof typeof TINY_ROLES] ?? 0)]));
}

/** Writes the model's files into a folder (as a user would have them to import). */
export async function writeTinyModel(model: ModelSpec, dir: string): Promise<string> {
  await mkdir(dir, { recursive: true });
  for (const [file, bytes] of tinyFiles(model)) await writeFile(join(dir, file), bytes);
  return dir;
}

export async function writeManifest(manifest: ModelManifest, path: string): Promise<string> {
  await writeFile(path, JSON.stringify(manifest, null, 2));
  return path;
}
