/**
 * The browser host: serves the built renderer and the StudioApi over a WebSocket, on 127.0.0.1 only,
 * to clients that hold this run's token (given in the URL once, then kept in a same-site cookie).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { JobEvent, RpcResponse, ServerMessage, StudioApi } from '../shared/api';
import { decodeMessage, encodeMessage } from '../shared/wire';
import { dispatch } from '../main/services/dispatch';

const COOKIE = 'sam2m_token';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

export interface HostOptions {
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  /** Creates the services, given where their events must go. */
  createApi: (emit: (event: JobEvent) => void) => StudioApi;
  port?: number;
  token?: string;
}

export interface RunningHost {
  url: string;
  token: string;
  server: Server;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given || given.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(given), Buffer.from(token));
}

function cookieToken(req: IncomingMessage): string | undefined {
  const match = req.headers.cookie
    ?.split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`));
  return match?.slice(COOKIE.length + 1);
}

function authorised(req: IncomingMessage, url: URL, token: string): boolean {
  return sameToken(url.searchParams.get('token'), token) || sameToken(cookieToken(req), token);
}

export async function startHost(options: HostOptions): Promise<RunningHost> {
  const token = options.token ?? randomBytes(24).toString('hex');
  const root = resolve(options.rendererDir);
  const sockets = new Set<WebSocket>();
  const api = options.createApi((event) => {
    const bytes = encodeMessage({ event } satisfies ServerMessage);
    for (const ws of sockets) ws.send(bytes);
  });

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (!authorised(req, url, token)) {
      res.writeHead(403, { 'content-type': 'text/plain' }).end('This Studio host needs the link with its token, as printed when it started.');
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    const relative = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = resolve(join(root, relative));
    // Only files of the built renderer, never a path that climbs out of it.
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(404).end();
      return;
    }
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
      'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
      'cache-control': 'no-store',
    });
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: 512 * 1024 * 1024 });
  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/rpc' || !authorised(req, url, token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
      ws.on('message', async (data: Buffer) => {
        let request: { id?: unknown; method?: unknown; args?: unknown };
        try {
          request = decodeMessage(new Uint8Array(data.buffer, data.byteOffset, data.byteLength)) as typeof request;
        } catch (err) {
          ws.send(encodeMessage({ id: -1, ok: false, error: { code: 'bad-request', message: `Malformed request: ${(err as Error).message}` } } satisfies RpcResponse));
          return;
        }
        const id = typeof request.id === 'number' ? request.id : -1;
        ws.send(encodeMessage(await dispatch(api, id, request.method, request.args)));
      });
    });
  });

  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    token,
    server,
    close: () =>
      new Promise((done) => {
        for (const ws of sockets) ws.terminate();
        wss.close();
        server.close(() => done());
      }),
  };
}
