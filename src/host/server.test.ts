import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RpcResponse, ServerMessage } from '../shared/api';
import { decodeMessage, encodeMessage } from '../shared/wire';
import { StudioService } from '../main/services/studio-service';
import { startHost, type RunningHost } from './server';

let dir: string;
let host: RunningHost;
let service: StudioService;

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string; cookie?: string }> {
  const { port } = new URL(host.url);
  return new Promise((resolve, reject) => {
    // A raw request keeps the path as typed (fetch would normalise "..").
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, cookie: res.headers['set-cookie']?.[0] }));
    });
    req.on('error', reject);
    req.end();
  });
}

function rpcUrl(token: string): string {
  return `ws://127.0.0.1:${new URL(host.url).port}/rpc?token=${token}`;
}

function rpc(url: string, messages: unknown[]): Promise<ServerMessage[]> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url);
    const replies: ServerMessage[] = [];
    ws.on('open', () => messages.forEach((m) => ws.send(m instanceof Uint8Array ? m : encodeMessage(m))));
    ws.on('message', (data: Buffer) => {
      replies.push(decodeMessage(new Uint8Array(data)) as ServerMessage);
      if (replies.length === messages.length) {
        ws.close();
        resolve(replies);
      }
    });
    ws.on('error', reject);
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sam2m-host-'));
  await mkdir(join(dir, 'renderer'));
  await writeFile(join(dir, 'renderer', 'index.html'), '<html>studio</html>');
  await writeFile(join(dir, 'secret.txt'), 'not for the browser');
  await mkdir(join(dir, 'media'));
  await writeFile(join(dir, 'media', 'shot.mov'), '');
  await writeFile(join(dir, 'media', 'notes.txt'), '');
  host = await startHost({ rendererDir: join(dir, 'renderer'), createApi: (emit) => (service = new StudioService({ emit })) });
});

afterAll(async () => {
  service.close();
  await host.close();
  await rm(dir, { recursive: true, force: true });
});

describe('browser host', () => {
  it('listens on 127.0.0.1 only', () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    expect((host.server.address() as { address: string }).address).toBe('127.0.0.1');
  });

  it('serves the renderer to the token holder and sets a cookie for later requests', async () => {
    const page = await get(`/?token=${host.token}`);
    expect(page.status).toBe(200);
    expect(page.body).toBe('<html>studio</html>');
    const cookie = page.cookie!.split(';')[0];
    expect((await get('/index.html', { cookie })).status).toBe(200);
  });

  it('refuses requests without the token or with a wrong one', async () => {
    expect((await get('/')).status).toBe(403);
    expect((await get(`/?token=${'0'.repeat(host.token.length)}`)).status).toBe(403);
    await expect(rpc(rpcUrl('wrong'), [{}])).rejects.toThrow(/403/);
  });

  it('serves no file outside the renderer folder', async () => {
    const escaped = await get(`/../secret.txt?token=${host.token}`);
    expect(escaped.status).toBe(404);
    expect(escaped.body).not.toContain('not for the browser');
    expect((await get(`/%2e%2e/secret.txt?token=${host.token}`)).status).toBe(404);
  });

  it('answers API calls over the WebSocket, with errors as messages', async () => {
    const url = rpcUrl(host.token);
    // Replies come as each call finishes, so match them by id.
    const replies = (await rpc(url, [
      { id: 1, method: 'listDirectory', args: [join(dir, 'media')] },
      { id: 2, method: 'deleteEverything', args: [] },
      { id: 3, method: 'openMedia', args: [join(dir, 'missing.mp4')] },
      { id: 4, method: 'getFrame', args: ['m1', -1] },
      new Uint8Array([1, 2, 3]),
    ])) as RpcResponse[];
    const [listing, unknown, failing, refused, malformed] = [1, 2, 3, 4, -1].map((id) => replies.find((r) => r.id === id));
    expect(listing).toMatchObject({ id: 1, ok: true });
    expect((listing as { result: { entries: Array<{ name: string }> } }).result.entries.map((e) => e.name)).toEqual(['shot.mov']);
    expect(unknown).toEqual({ id: 2, ok: false, error: { code: 'unknown-method', message: 'Unknown API method: deleteEverything' } });
    expect(failing).toMatchObject({ id: 3, ok: false, error: { code: 'media-missing' } });
    expect((failing as { error: { message: string } }).error.message).toContain('missing.mp4');
    expect(refused).toEqual({
      id: 4,
      ok: false,
      error: { code: 'bad-request', message: 'getFrame: index must be a whole number from 0 (found -1).', details: { method: 'getFrame', argument: 'index' } },
    });
    expect(malformed).toMatchObject({ id: -1, ok: false, error: { code: 'bad-request' } });
  });
});
