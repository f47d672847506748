/**
 * Turns a transport's request into a call on the service: the method must exist and its arguments fit
 * their schema (shared/api-schema.ts) before the service sees them; any failure goes back as { code, message, details }.
 */
import type { z } from 'zod';
import type { ApiMethod, RpcResponse, StudioApi } from '../../shared/api';
import { API_ARGS } from '../../shared/api-schema';
import { StudioError, toErrorInfo } from '../../shared/errors';
import { describeError, FOUND_IN_BRACKETS, issueMessages, pathText } from '../../shared/schema-issues';

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && Object.hasOwn(API_ARGS, name);
}

/** The call's arguments as the service takes them, or a 'bad-request' naming the method and the argument's path. */
export function checkArgs<M extends ApiMethod>(method: M, args: unknown): z.output<(typeof API_ARGS)[M]> {
  if (!Array.isArray(args)) throw new StudioError('bad-request', `${method}: its arguments must be a list.`);
  const schema: z.ZodTuple = API_ARGS[method];
  const items = schema.def.items;
  if (args.length > items.length) throw new StudioError('bad-request', `${method} takes ${items.length} argument${items.length === 1 ? '' : 's'}, not ${args.length}.`, { method });
  // Arguments left out are undefined, so a missing one is named like any other ("openMedia: path must be ...").
  const padded = Array.from(items, (_, i) => args[i]);
  const parsed = schema.safeParse(padded, { error: issueMessages, reportInput: true });
  if (parsed.success) return parsed.data as z.output<(typeof API_ARGS)[M]>;
  const argument = (path: readonly PropertyKey[]) => pathText(path.slice(1), (items[path[0] as number] as z.ZodType).description);
  const message = describeError(parsed.error, { where: (path) => `${method}: ${argument(path)}`, found: FOUND_IN_BRACKETS });
  throw new StudioError('bad-request', `${message}.`, { method, argument: argument(parsed.error.issues[0].path) });
}

export async function dispatch(api: StudioApi, id: number, method: unknown, args: unknown): Promise<RpcResponse> {
  if (!isApiMethod(method)) return { id, ok: false, error: { code: 'unknown-method', message: `Unknown API method: ${String(method)}` } };
  try {
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    const result = await fn.apply(api, checkArgs(method, args));
    return { id, ok: true, result: result ?? null };
  } catch (err) {
    return { id, ok: false, error: toErrorInfo(err) };
  }
}
