/** Compares a loaded graph's inputs and outputs with what the manifest promises for a module. */
import type { InferenceSession } from 'onnxruntime-node';
import type { ModuleSpec, TensorSpec } from '../../shared/models';

type Found = InferenceSession.ValueMetadata;
type Direction = 'input' | 'output';

export function describeExpected(tensor: TensorSpec): string {
  return describe(tensor.name, tensor.type, tensor.dims);
}

export function describeFound(tensor: Found): string {
  return tensor.isTensor ? describe(tensor.name, tensor.type, tensor.shape) : `${tensor.name} (not a tensor)`;
}

function describe(name: string, type: string, dims: readonly (number | string)[]): string {
  // onnxruntime reports a free dim that has no name as ''.
  return `${name} ${type} [${dims.map((d) => (d === '' ? '?' : d)).join(',')}]`;
}

/** Every way the graph differs from the module spec, one line each; empty when it matches. */
export function tensorMismatches(spec: ModuleSpec, inputs: readonly Found[], outputs: readonly Found[]): string[] {
  const expectedInputs = new Set(Object.values(spec.inputs).map((t) => t.name));
  // A graph input with no role would never be fed, so every run would fail.
  const unfed = inputs.filter((found) => !expectedInputs.has(found.name)).map((found) => `graph input ${describeFound(found)} has no role in the manifest`);
  return [...roleMismatches('input', spec.inputs, inputs), ...roleMismatches('output', spec.outputs, outputs), ...unfed];
}

function roleMismatches(direction: Direction, roles: Record<string, TensorSpec>, graph: readonly Found[]): string[] {
  return Object.entries(roles).flatMap(([role, expected]) => {
    const where = `${direction} role "${role}": expected ${describeExpected(expected)}`;
    const found = graph.find((t) => t.name === expected.name);
    if (!found) {
      const available = graph.map(describeFound).join('; ') || 'none';
      return [`${where}, but the graph has no ${direction} named ${expected.name} (graph ${direction}s: ${available})`];
    }
    return found.isTensor && found.type === expected.type && shapeMatches(expected.dims, found.shape) ? [] : [`${where}, found ${describeFound(found)}`];
  });
}

/**
 * Ranks must agree and fixed dims must be equal; a dim free on either side matches anything, since the
 * host reads real sizes from the session. onnxruntime reports [] both for a scalar and for a graph that
 * declares no shape, so [] is accepted: a wrong rank then fails at run time with onnxruntime's own error.
 */
function shapeMatches(expected: TensorSpec['dims'], found: readonly (number | string)[]): boolean {
  if (found.length === 0) return true;
  if (found.length !== expected.length) return false;
  return expected.every((dim, i) => typeof dim === 'string' || typeof found[i] !== 'number' || found[i] === dim);
}
