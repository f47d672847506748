/**
 * Which execution providers this machine's ONNX Runtime can offer, found without trying to load them:
 * a provider library that is simply not installed would otherwise print red error lines from native
 * code on every session. SAM2M_VERBOSE (the command line's --verbose) asks for more: ONNX Runtime's
 * warnings and each provider's fallback reason.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { listSupportedBackends } from 'onnxruntime-node';
import type { ExecutionProvider } from '../../shared/models';

export const VERBOSE_ENV = 'SAM2M_VERBOSE';

export function isVerbose(): boolean {
  return /^(1|true)$/i.test(process.env[VERBOSE_ENV] ?? '');
}

/** onnxruntime-node's name for each provider (the same words today; kept in one place). */
export const ORT_PROVIDER: Record<ExecutionProvider, string> = { cuda: 'cuda', dml: 'dml', coreml: 'coreml', cpu: 'cpu' };

/** The folder of onnxruntime-node's native binding, where it looks for provider libraries. */
function bindingDir(): string {
  const entry = createRequire(import.meta.url).resolve('onnxruntime-node');
  return join(dirname(entry), '..', 'bin', 'napi-v6', process.platform, process.arch);
}

function libraryName(backend: string): string {
  return process.platform === 'win32' ? `onnxruntime_providers_${backend}.dll` : `libonnxruntime_providers_${backend}.so`;
}

/** Why `provider` cannot load on this machine, or null when it may (loading can still fail). */
export function providerUnavailable(provider: ExecutionProvider): string | null {
  const name = ORT_PROVIDER[provider];
  const backend = listSupportedBackends().find((b) => b.name === name);
  if (!backend) return `ONNX Runtime's ${process.platform}-${process.arch} build has no ${name} provider`;
  if (backend.bundled) return null;
  const library = join(bindingDir(), libraryName(name));
  return existsSync(library) ? null : `the ${name} provider is not installed (${library} is missing; see the README on GPU inference)`;
}

/** The first provider of `order`, other than the CPU, that this machine has installed; null when none is. */
export function gpuProvider(order: readonly ExecutionProvider[]): ExecutionProvider | null {
  return order.find((provider) => provider !== 'cpu' && providerUnavailable(provider) === null) ?? null;
}
