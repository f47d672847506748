/**
 * Runs a model's modules on onnxruntime in this thread: one session per module role, opened on the first
 * provider that loads it, with tensors addressed by role and checked against the manifest both ways.
 */
import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { abortError } from '../../shared/common/abort';
import type { ExecutionProvider, ModelSpec, ModuleSpec } from '../../shared/models';
import { ModelError } from '../../shared/model-error';
import { openModuleSession, type ProviderFailure } from './sessions';
import { inputProblems } from './input-check';
import type { HostTensor, ModuleRunner, TensorData, TensorMap } from './module-runner';
import { raceAbort } from './race-abort';
import { rotationsAsElementwise } from './rope-rewrite';

/** Graphs rewritten as they load, by module role: the same sums, faster on ONNX Runtime (rope-rewrite.ts). */
const REWRITES: Record<string, (model: Uint8Array) => Uint8Array> = {
  memory_attention: (model) => rotationsAsElementwise(model).model,
};

interface OpenModule {
  spec: ModuleSpec;
  session: InferenceSession;
}

export class InProcessRunner implements ModuleRunner {
  private constructor(
    private readonly modelId: string,
    private readonly modules: Map<string, OpenModule>,
    readonly providers: Record<string, string>,
    /** Module role → why the providers before the one it runs on did not load it. */
    readonly fallbackReasons: Record<string, ProviderFailure[]>,
  ) {}

  /** Opens every module of the model (or only `roles`); on any failure releases what was opened and rethrows. */
  static async open(model: ModelSpec, dir: string, providers: readonly ExecutionProvider[], roles: readonly string[] = Object.keys(model.modules)): Promise<InProcessRunner> {
    const modules = new Map<string, OpenModule>();
    const chosen: Record<string, string> = {};
    const reasons: Record<string, ProviderFailure[]> = {};
    try {
      for (const role of roles) {
        const spec = model.modules[role];
        if (!spec) throw new ModelError('manifest', `Model ${model.id} has no module "${role}" in the manifest`);
        const opened = await openModuleSession(spec, dir, providers, { ref: { modelId: model.id, module: role }, rewrite: REWRITES[role] });
        modules.set(role, { spec, session: opened.session });
        chosen[role] = opened.provider;
        reasons[role] = opened.fallbackReasons;
      }
    } catch (err) {
      await Promise.all([...modules.values()].map((m) => m.session.release()));
      throw err;
    }
    return new InProcessRunner(model.id, modules, chosen, reasons);
  }

  async run(module: string, inputs: TensorMap, signal?: AbortSignal): Promise<TensorMap> {
    if (signal?.aborted) throw abortError();
    const open = this.modules.get(module);
    if (!open) throw new Error(`Model ${this.modelId} has no open module "${module}" (open: ${[...this.modules.keys()].join(', ')})`);
    const problems = inputProblems(open.spec.inputs, inputs);
    if (problems.length > 0) throw new Error(`Model ${this.modelId}, module ${module}: ${problems.join('; ')}`);

    const feeds: Record<string, Tensor> = {};
    for (const [role, tensor] of Object.entries(inputs)) feeds[open.spec.inputs[role].name] = toOrt(tensor);
    // onnxruntime-node cannot interrupt a running graph: on abort the caller stops waiting and the result is dropped.
    const results = await raceAbort(open.session.run(feeds), signal);
    const outputs: TensorMap = {};
    for (const [role, spec] of Object.entries(open.spec.outputs)) {
      const found = results[spec.name];
      if (!found) throw new Error(`Model ${this.modelId}, module ${module}: the graph returned no output ${spec.name} (role ${role})`);
      outputs[role] = fromOrt(found);
    }
    return outputs;
  }

  async close(): Promise<void> {
    const sessions = [...this.modules.values()].map((m) => m.session);
    this.modules.clear();
    await Promise.all(sessions.map((s) => s.release()));
  }
}

function toOrt(tensor: HostTensor): Tensor {
  // float16 travels as raw 16-bit words; no module of the SAM2 set takes it.
  return new Tensor(tensor.type, tensor.data as never, tensor.dims);
}

function fromOrt(tensor: Tensor): HostTensor {
  const data = tensor.data as TensorData;
  return { type: tensor.type as HostTensor['type'], dims: [...tensor.dims], data };
}
