/** Checks the tensors a caller hands a module against the module's spec before onnxruntime sees them. */
import type { TensorSpec } from '../../shared/models';
import { describeExpected } from './tensor-check';
import type { TensorMap } from './module-runner';

/** Every way `inputs` differ from the spec's input roles, one line each; empty when they fit. */
export function inputProblems(spec: Record<string, TensorSpec>, inputs: TensorMap): string[] {
  const problems: string[] = [];
  for (const [role, expected] of Object.entries(spec)) {
    const given = inputs[role];
    if (!given) {
      problems.push(`input role "${role}" (${describeExpected(expected)}) was not given`);
      continue;
    }
    const count = given.dims.reduce((a, b) => a * b, 1);
    const fits =
      given.type === expected.type &&
      given.dims.length === expected.dims.length &&
      expected.dims.every((dim, i) => typeof dim === 'string' || dim === given.dims[i]) &&
      given.data.length === count;
    if (!fits) {
      problems.push(`input role "${role}": expected ${describeExpected(expected)}, given ${given.type} [${given.dims.join(',')}] with ${given.data.length} values`);
    }
  }
  for (const role of Object.keys(inputs)) if (!spec[role]) problems.push(`input role "${role}" is not an input of this module`);
  return problems;
}
