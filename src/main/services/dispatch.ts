/** Turns a transport's request into a call on the service, and any failure into a clear message. */
import { API_METHODS, type ApiMethod, type RpcResponse, type StudioApi } from '../../shared/api';

const known = new Set<string>(API_METHODS);

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && known.has(name);
}

export async function dispatch(api: StudioApi, id: number, method: unknown, args: unknown): Promise<RpcResponse> {
  if (!isApiMethod(method)) return { id, ok: false, error: `Unknown API method: ${String(method)}` };
  if (!Array.isArray(args)) return { id, ok: false, error: `Arguments of ${method} must be a list` };
  try {
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    const result = await fn.apply(api, args);
    return { id, ok: true, result: result ?? null };
  } catch (err) {
    return { id, ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}
