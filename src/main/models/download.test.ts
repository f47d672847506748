import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadFile } from './download';
import { ModelError } from '../../shared/model-error';

/** 300 KB of deterministic, non-repeating bytes. */
const DATA = (() => {
  const bytes = Buffer.alloc(300 * 1024);
  let x = 0x12345678;
  for (let i = 0; i < bytes.length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    bytes[i] = x >>> 24;
  }
  return bytes;
})();
const DATA_SHA = createHash('sha256').update(DATA).digest('hex');
const CHUNK = 16 * 1024;

/** What the server does with the next requests: one behaviour per request, then `serve`. */
type Behaviour = 'serve' | 'cut' | 'ignore-range' | 'not-found' | 'stall';
let plan: Behaviour[] = [];
let requests: IncomingMessage['headers'][] = [];
let server: Server;
let baseUrl: string;
let dir: string;

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes the body in chunks with pauses, so progress and cuts happen mid-body. */
async function writeSlowly(res: ServerResponse, body: Buffer): Promise<void> {
  for (let i = 0; i < body.length && !res.destroyed; i += CHUNK) {
    res.write(body.subarray(i, i + CHUNK));
    await pause(2);
  }
}

async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  requests.push(req.headers);
  const behaviour = plan.shift() ?? 'serve';
  if (behaviour === 'not-found') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such model');
    return;
  }
  const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
  if (range && behaviour !== 'ignore-range') {
    const start = Number(range[1]);
    res.writeHead(206, {
      'content-length': DATA.length - start,
      'content-range': `bytes ${start}-${DATA.length - 1}/${DATA.length}`,
    });
    await writeSlowly(res, DATA.subarray(start));
    res.end();
    return;
  }
  res.writeHead(200, { 'content-length': DATA.length, 'accept-ranges': 'bytes' });
  if (behaviour === 'cut' || behaviour === 'stall') {
    await writeSlowly(res, DATA.subarray(0, DATA.length / 2));
    // Let the first half reach the client before cutting, or never finish (the client aborts).
    await pause(50);
    if (behaviour === 'cut') res.socket?.destroy();
    return;
  }
  await writeSlowly(res, DATA);
  res.end();
}

beforeAll(async () => {
  server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(async () => {
  plan = [];
  requests = [];
  dir = await mkdtemp(join(tmpdir(), 'sam2m-download-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('downloadFile', () => {
  it('downloads the whole file with monotonic progress up to the total and reports its sha256', async () => {
    const target = join(dir, 'nested', 'model.onnx');
    const progress: Array<[number, number | null]> = [];
    const result = await downloadFile({
      url: `${baseUrl}/model.onnx`,
      target,
      expectedSha256: null,
      onProgress: (received, total) => progress.push([received, total]),
    });

    expect(result).toEqual({ path: target, sha256: DATA_SHA, bytes: DATA.length });
    expect((await readFile(target)).equals(DATA)).toBe(true);
    expect(existsSync(`${target}.part`)).toBe(false);
    expect(progress.length).toBeGreaterThan(2);
    expect(progress.every(([, total]) => total === DATA.length)).toBe(true);
    expect(progress.every(([received], i) => i === 0 || received >= progress[i - 1][0])).toBe(true);
    expect(progress.at(-1)?.[0]).toBe(DATA.length);
    expect(requests[0].range).toBeUndefined();
  });

  it('accepts a matching expected sha256, in any case', async () => {
    const target = join(dir, 'model.onnx');
    const result = await downloadFile({ url: `${baseUrl}/m`, target, expectedSha256: DATA_SHA.toUpperCase() });
    expect(result.sha256).toBe(DATA_SHA);
    expect((await readFile(target)).equals(DATA)).toBe(true);
  });

  it('keeps the part after a cut and resumes it with a Range request to a byte-identical file', async () => {
    const target = join(dir, 'model.onnx');
    plan = ['cut'];
    const first = downloadFile({ url: `${baseUrl}/m`, target, expectedSha256: DATA_SHA });
    await expect(first).rejects.toThrow(/cut after \d+ bytes.*resume/);
    await expect(first).rejects.toBeInstanceOf(ModelError);
    expect(existsSync(target)).toBe(false);
    const kept = (await stat(`${target}.part`)).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThan(DATA.length);

    const progress: number[] = [];
    const result = await downloadFile({
      url: `${baseUrl}/m`,
      target,
      expectedSha256: DATA_SHA,
      onProgress: (received) => progress.push(received),
    });
    expect(requests).toHaveLength(2);
    expect(requests[1].range).toBe(`bytes=${kept}-`);
    expect(progress[0]).toBe(kept);
    expect(result).toEqual({ path: target, sha256: DATA_SHA, bytes: DATA.length });
    expect((await readFile(target)).equals(DATA)).toBe(true);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('starts over when the server ignores Range and replies 200', async () => {
    const target = join(dir, 'model.onnx');
    plan = ['cut', 'ignore-range'];
    await expect(downloadFile({ url: `${baseUrl}/m`, target, expectedSha256: null })).rejects.toThrow(ModelError);
    expect((await stat(`${target}.part`)).size).toBeGreaterThan(0);

    const result = await downloadFile({ url: `${baseUrl}/m`, target, expectedSha256: DATA_SHA });
    expect(requests[1].range).toMatch(/^bytes=\d+-$/);
    expect(result.sha256).toBe(DATA_SHA);
    expect((await readFile(target)).equals(DATA)).toBe(true);
  });

  it('rejects a checksum mismatch, naming file and hashes, and leaves neither target nor part', async () => {
    const target = join(dir, 'model.onnx');
    const wrong = 'ab'.repeat(32);
    const error = await downloadFile({ url: `${baseUrl}/m`, target, expectedSha256: wrong }).catch((e) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error.kind).toBe('mismatch');
    expect(error.message).toContain('model.onnx');
    expect(error.message).toContain(wrong);
    expect(error.message).toContain(DATA_SHA);
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('reports a 404 with the URL and status and writes nothing', async () => {
    const target = join(dir, 'model.onnx');
    plan = ['not-found'];
    const url = `${baseUrl}/missing.onnx`;
    const error = await downloadFile({ url, target, expectedSha256: null }).catch((e) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error.message).toContain(url);
    expect(error.message).toContain('404');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(false);
  });

  it('reports an unreachable server as a ModelError naming the URL', async () => {
    const url = 'http://127.0.0.1:1/model.onnx';
    const error = await downloadFile({ url, target: join(dir, 'm'), expectedSha256: null }).catch((e) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error.message).toContain(url);
  });

  it('stops on abort with an AbortError, keeping the part for later but no target', async () => {
    const target = join(dir, 'model.onnx');
    plan = ['stall'];
    const controller = new AbortController();
    const error = await downloadFile({
      url: `${baseUrl}/m`,
      target,
      expectedSha256: null,
      signal: controller.signal,
      onProgress: (received) => {
        if (received > 0) controller.abort();
      },
    }).catch((e) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('AbortError');
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.part`)).toBe(true);
  });
});
