/**
 * Test support: an HTTP server on 127.0.0.1 that serves fixed files slowly (so progress, cuts and
 * cancels happen mid-body), honours Range and HEAD, and misbehaves on request as the plan says.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the server does with the next GET requests, one each, then 'serve'. */
export type Behaviour = 'serve' | 'cut' | 'stall';

const CHUNK = 16 * 1024;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface FileServer {
  baseUrl: string;
  files: Map<string, Uint8Array>;
  plan: Behaviour[];
  /** Method, path and Range header of every request. */
  requests: Array<{ method: string; path: string; range: string | undefined }>;
  close(): Promise<void>;
}

export async function startFileServer(files = new Map<string, Uint8Array>()): Promise<FileServer> {
  async function writeSlowly(res: ServerResponse, body: Uint8Array): Promise<void> {
    for (let i = 0; i < body.length && !res.destroyed; i += CHUNK) {
      res.write(body.subarray(i, i + CHUNK));
      await pause(2);
    }
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.slice(1));
    state.requests.push({ method: req.method ?? '', path, range: req.headers.range });
    const body = state.files.get(path);
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (req.method === 'HEAD') {
      res.writeHead(200, { 'content-length': body.length, 'accept-ranges': 'bytes' }).end();
      return;
    }
    const behaviour = state.plan.shift() ?? 'serve';
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    res.writeHead(range ? 206 : 200, {
      'content-length': body.length - start,
      'accept-ranges': 'bytes',
      ...(range ? { 'content-range': `bytes ${start}-${body.length - 1}/${body.length}` } : {}),
    });
    if (behaviour === 'serve') {
      await writeSlowly(res, body.subarray(start));
      res.end();
      return;
    }
    await writeSlowly(res, body.subarray(start, start + Math.floor((body.length - start) / 2)));
    // Let the half reach the client, then cut, or never finish (the client cancels).
    await pause(50);
    if (behaviour === 'cut') res.socket?.destroy();
  }

  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const state: FileServer = {
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    files,
    plan: [],
    requests: [],
    close: async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  return state;
}
