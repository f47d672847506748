import { describe, expect, it } from 'vitest';
import type { StudioApi } from '../../shared/api';
import { StudioError } from '../../shared/errors';
import { abortError } from '../../shared/common/abort';
import { dispatch } from './dispatch';

/** A service whose every method records its arguments and answers `answer`'s result. */
function fakeApi(answer: (method: string, args: unknown[]) => unknown = () => null) {
  const calls: Array<[string, unknown[]]> = [];
  const api = new Proxy({} as StudioApi, {
    get:
      (_t, method: string) =>
      async (...args: unknown[]) => {
        calls.push([method, args]);
        return answer(method, args);
      },
  });
  return { api, calls };
}

describe('dispatch', () => {
  it('calls the service with the checked arguments', async () => {
    const { api, calls } = fakeApi(() => ({ width: 4 }));
    const mask = new Uint8Array(4);
    const prompts = [
      { kind: 'point', x: 1, y: 2, positive: true },
      { kind: 'mask', width: 2, height: 2, data: mask },
    ];
    expect(await dispatch(api, 7, 'setPrompts', ['m1', 1, 0, prompts])).toEqual({ id: 7, ok: true, result: { width: 4 } });
    expect(calls[0]).toEqual(['setPrompts', ['m1', 1, 0, prompts]]);
    expect((calls[0][1][3] as Array<{ data?: Uint8Array }>)[1].data).toBe(mask);
  });

  it('takes null for a left-out argument (JSON carries undefined as null) and passes undefined on', async () => {
    const { api, calls } = fakeApi();
    expect(await dispatch(api, 1, 'getMatte', ['m1', 3, null, 'preview'])).toMatchObject({ ok: true });
    expect(calls[0][1]).toEqual(['m1', 3, undefined, 'preview']);
    expect(await dispatch(api, 2, 'listDirectory', [])).toMatchObject({ ok: true });
  });

  it.each([
    ['getFrame', ['m1', -1], 'getFrame: index must be a whole number from 0 (found -1).', 'index'],
    ['getFrame', ['m1', 2.5, 320], 'getFrame: index must be a whole number from 0 (found 2.5).', ''],
    ['openMedia', [], 'openMedia: path must be a string (a path) (found nothing).', ''],
    ['setPrompts', ['m1', 1, 0, [{ kind: 'point', x: 'left', y: 2, positive: true }]], 'setPrompts: prompts[0].x must be a finite number (found "left").', 'prompts[0].x'],
    ['setPrompts', ['m1', 1, 0, [{ kind: 'lasso' }]], 'setPrompts: prompts[0].kind must be one of point, box, stroke, mask', ''],
    ['updateObject', ['m1', 1, { solo: true }], 'updateObject: patch has the unknown field solo', ''],
    ['updateObject', ['m1', 0, {}], 'updateObject: objectId must be a whole number from 1 (found 0).', ''],
    ['updateSettings', ['m1', { quality: 'best' }], 'updateSettings: patch.quality must be one of preview, final (found "best").', ''],
    ['propagate', ['m1', { direction: 'sideways' }], 'propagate: request.direction must be one of forward, backward, both', ''],
    ['exportMatte', [{ mediaId: 'm1', format: 'gif', outputPath: '/tmp/x' }], 'exportMatte: request.format must be one of prores4444, png, matte, exr, mask', ''],
    [
      'exportMatte',
      [{ mediaId: 'm1', format: 'png', outputPath: '/tmp/x', range: { start: 'all', end: 3 } }],
      'exportMatte: request.range.start must be a whole number from 0',
      '',
    ],
    ['cancelJob', ['j1', 'extra'], 'cancelJob takes 1 argument, not 2.', ''],
    ['undo', 'm1', 'undo: its arguments must be a list.', ''],
  ])('refuses %s(%j) without calling the service', async (method, args, message, path) => {
    const { api, calls } = fakeApi();
    const response = await dispatch(api, 3, method, args);
    expect(response).toMatchObject({ id: 3, ok: false, error: { code: 'bad-request' } });
    const error = (response as { error: { message: string; details?: { method: string; path: string } } }).error;
    expect(error.message).toContain(message);
    if (path) expect(error.details).toEqual({ method, argument: path });
    expect(calls).toEqual([]);
  });

  it('names the argument in its details', async () => {
    const response = await dispatch(fakeApi().api, 1, 'exportMatte', [{ mediaId: 'm1', format: 'exr', outputPath: '/x', exr: { compression: 'lzw' } }]);
    expect(response).toMatchObject({ error: { code: 'bad-request', details: { method: 'exportMatte', argument: 'request.exr.compression' } } });
  });

  it('refuses an unknown method, even one on Object.prototype', async () => {
    const { api } = fakeApi();
    for (const method of ['deleteEverything', 'toString', 42]) {
      expect(await dispatch(api, 4, method, [])).toEqual({ id: 4, ok: false, error: { code: 'unknown-method', message: `Unknown API method: ${method}` } });
    }
  });

  it("carries a service error's code, message and details; a cancel as 'cancelled'; anything else as 'internal'", async () => {
    const failing = (err: unknown) => fakeApi(() => Promise.reject(err)).api;
    const missing = new StudioError('media-missing', 'Cannot restore: gone', { mediaPath: '/a.mov', projectPath: '/p.json' });
    expect(await dispatch(failing(missing), 5, 'restoreRecovery', ['r1'])).toEqual({
      id: 5,
      ok: false,
      error: { code: 'media-missing', message: 'Cannot restore: gone', details: { mediaPath: '/a.mov', projectPath: '/p.json' } },
    });
    expect(await dispatch(failing(abortError()), 6, 'listModels', [])).toMatchObject({ error: { code: 'cancelled' } });
    expect(await dispatch(failing(new Error('boom')), 7, 'listModels', [])).toEqual({ id: 7, ok: false, error: { code: 'internal', message: 'boom' } });
  });
});
