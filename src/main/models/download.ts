/** Downloading one model file: resumable, hashed while streaming, and only renamed into place once verified. */
import { createHash } from 'node:crypto';
import { mkdir, open, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { hashInto } from './hash';
import { ModelError } from '../../shared/model-error';

export interface DownloadOptions {
  url: string;
  /** Final path; it exists only once the file is complete and verified. */
  target: string;
  /** Hex sha256 to check against, or null to accept and report whatever arrives (pinning on first use). */
  expectedSha256: string | null;
  signal?: AbortSignal;
  /** Bytes of the file on disk so far (resumed bytes included), and its size when the server says. */
  onProgress?: (received: number, total: number | null) => void;
  /** For tests; defaults to the global fetch. */
  fetchImpl?: typeof fetch;
}

export interface DownloadResult {
  path: string;
  sha256: string;
  bytes: number;
}

export async function downloadFile(options: DownloadOptions): Promise<DownloadResult> {
  const { url, target, expectedSha256, signal, onProgress } = options;
  const fetchImpl = options.fetchImpl ?? fetch;
  const part = `${target}.part`;
  await mkdir(dirname(target), { recursive: true });

  let offset = await sizeOf(part);
  let res = await request(fetchImpl, url, offset, signal);
  if (res.status === 416 && offset > 0) {
    // The part is no prefix of what the server has now (as long or longer): start over.
    await res.body?.cancel();
    await rm(part, { force: true });
    offset = 0;
    res = await request(fetchImpl, url, 0, signal);
  }
  if (!res.ok) {
    await res.body?.cancel();
    // A 4xx means the file is gone or changed, so a partial one is worthless; a 5xx may pass.
    if (res.status < 500) await rm(part, { force: true });
    throw new ModelError('missing', `Download of ${url} failed: HTTP ${res.status} ${res.statusText}`.trimEnd());
  }

  // A 206 must continue exactly where the part ends; anything else (a 200 that ignored Range) is the whole file.
  const range = res.status === 206 ? parseContentRange(res.headers.get('content-range')) : null;
  if (res.status === 206 && range?.start !== offset) {
    await res.body?.cancel();
    await rm(part, { force: true }); // so the next attempt starts clean
    throw new ModelError('missing', `Download of ${url} failed: the server resumed at the wrong offset`);
  }
  if (res.status !== 206) offset = 0;
  const length = numberOrNull(res.headers.get('content-length'));
  const total = range ? (range.total ?? (length === null ? null : offset + length)) : length;

  // Hash the bytes already on disk first, so the digest covers the whole file.
  const hash = createHash('sha256');
  if (offset > 0) await hashInto(part, hash);
  const file = await open(part, offset > 0 ? 'a' : 'w');
  let received = offset;
  try {
    onProgress?.(received, total);
    if (res.body) {
      const reader = res.body.getReader();
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          await file.write(value);
          hash.update(value);
          received += value.byteLength;
          onProgress?.(received, total);
        }
      } catch (err) {
        signal?.throwIfAborted();
        throw new ModelError('missing', `Download of ${url} was cut after ${received} bytes (${(err as Error).message}); run it again to resume`);
      } finally {
        reader.releaseLock();
      }
    }
    if (total !== null && received !== total) {
      throw new ModelError('missing', `Download of ${url} ended at ${received} of ${total} bytes; run it again to resume`);
    }
    // Flush before the rename so a crash cannot leave a complete-looking but truncated target.
    await file.sync();
  } finally {
    await file.close();
  }

  const sha256 = hash.digest('hex');
  if (expectedSha256 !== null && sha256 !== expectedSha256.toLowerCase()) {
    await rm(part, { force: true });
    throw new ModelError('mismatch', `Downloaded ${basename(target)} has sha256 ${sha256}, expected ${expectedSha256.toLowerCase()} (from ${url})`);
  }
  await rename(part, target);
  return { path: target, sha256, bytes: received };
}

async function request(fetchImpl: typeof fetch, url: string, offset: number, signal?: AbortSignal): Promise<Response> {
  // identity: a compressed transfer would make Content-Length and byte offsets disagree with the file.
  const headers: Record<string, string> = { 'accept-encoding': 'identity' };
  if (offset > 0) headers.range = `bytes=${offset}-`;
  try {
    return await fetchImpl(url, { headers, signal, redirect: 'follow' });
  } catch (err) {
    signal?.throwIfAborted();
    const cause = (err as Error & { cause?: Error }).cause?.message ?? (err as Error).message;
    throw new ModelError('missing', `Download of ${url} failed: ${cause}`);
  }
}

/** `bytes START-END/TOTAL` (TOTAL may be `*`). */
function parseContentRange(header: string | null): { start: number; total: number | null } | null {
  const match = header && /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(header.trim());
  if (!match) return null;
  return { start: Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) };
}

function numberOrNull(header: string | null): number | null {
  const n = header === null ? NaN : Number(header);
  return Number.isSafeInteger(n) && n >= 0 ? n : null;
}

async function sizeOf(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch {
    return 0;
  }
}

/** The file's size from a HEAD request's Content-Length, or null when the server does not say. */
export async function fetchSize(url: string, signal?: AbortSignal, fetchImpl: typeof fetch = fetch): Promise<number | null> {
  try {
    const res = await fetchImpl(url, { method: 'HEAD', headers: { 'accept-encoding': 'identity' }, signal, redirect: 'follow' });
    return res.ok ? numberOrNull(res.headers.get('content-length')) : null;
  } catch {
    signal?.throwIfAborted();
    // The GET that follows reports an unreachable server properly.
    return null;
  }
}
