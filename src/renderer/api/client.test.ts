import { describe, expect, it } from 'vitest';
import type { IpcBridge, RpcResponse } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import { ipcTransport, unwrapResponse } from './client';

describe('the client', () => {
  it('returns a result and throws a StudioError with the code, message and details main gave', () => {
    expect(unwrapResponse({ id: 1, ok: true, result: 42 })).toBe(42);
    const error = (() => {
      try {
        unwrapResponse({ id: 2, ok: false, error: { code: 'media-missing', message: 'gone', details: { mediaPath: '/a.mov' } } });
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(StudioError);
    expect(error).toMatchObject({ code: 'media-missing', message: 'gone', details: { mediaPath: '/a.mov' } });
  });

  it("reads a code it does not know (a newer host's) as 'internal'", () => {
    expect(() => unwrapResponse({ id: 3, ok: false, error: { code: 'quantum' as never, message: 'odd' } })).toThrow(expect.objectContaining({ code: 'internal', message: 'odd' }));
  });

  it("turns Electron's bridge, which hands responses over as they are, into the same transport", async () => {
    const responses: RpcResponse[] = [
      { id: 1, ok: true, result: ['m'] },
      { id: 2, ok: false, error: { code: 'model-missing', message: 'no model', details: { kind: 'missing' } } },
    ];
    const bridge: IpcBridge = { invoke: async () => responses.shift()!, onEvent: () => () => {} };
    const transport = ipcTransport(bridge);
    expect(await transport.invoke('listModels', [])).toEqual(['m']);
    await expect(transport.invoke('listModels', [])).rejects.toMatchObject({ name: 'StudioError', code: 'model-missing', details: { kind: 'missing' } });
  });
});
