/** Where ffmpeg/ffprobe live and how to run them with clear errors and cancellation. */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { basename } from 'node:path';
import { abortError } from '../../shared/common/abort';
import { StudioError, type ErrorDetails } from '../../shared/errors';

// Not named `require`: the Electron bundler declares its own shim of that name.
const requireInstaller = createRequire(import.meta.url);

function binaryPath(envVar: string, installer: string): string {
  const fromEnv = process.env[envVar];
  if (fromEnv) return fromEnv;
  // Electron packs node_modules into app.asar; the binaries are unpacked beside it.
  return (requireInstaller(installer) as { path: string }).path.replace('app.asar', 'app.asar.unpacked');
}

export const ffmpegPath = binaryPath('SAM2M_FFMPEG', '@ffmpeg-installer/ffmpeg');
export const ffprobePath = binaryPath('SAM2M_FFPROBE', '@ffprobe-installer/ffprobe');

/** Media that cannot be found or read (the default), or an export that cannot be written. */
export class MediaError extends StudioError {
  constructor(message: string, code: 'media-missing' | 'media-unreadable' | 'export-failed' = 'media-unreadable', details?: ErrorDetails) {
    super(code, message, details);
    this.name = 'MediaError';
  }
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Data written to stdin, then stdin is closed. */
  stdin?: Uint8Array;
}

/** The last meaningful line ffmpeg wrote, for error messages. */
export function lastErrorLine(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
  return lines[lines.length - 1] ?? 'no output';
}

/** What a tool said about `path` (its error, e.g. "PATH: No such file or directory") without the path, for messages that name it already. */
export function reasonAbout(path: string, err: Error): string {
  return err.message.startsWith(`${path}: `) ? err.message.slice(path.length + 2) : err.message;
}

/** Why a tool failed: its last error line, or the signal that killed it (a crash writes nothing). */
export function failureReason(binary: string, stderr: string, exitSignal: NodeJS.Signals | null): string {
  return exitSignal ? `${basename(binary)} crashed (${exitSignal})` : lastErrorLine(stderr);
}

/** Runs a binary to completion and returns stdout; rejects with the tool's own last words. */
export function runTool(binary: string, args: string[], options: RunOptions = {}): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (options.signal?.aborted) return reject(abortError());
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let stderr = '';
    const onAbort = () => child.kill('SIGKILL');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    child.stdout.on('data', (d: Buffer) => out.push(d));
    child.stderr.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-8000);
    });
    child.stdin.on('error', () => {}); // the tool may exit before reading all input; its exit code tells
    child.on('error', (err) => reject(new MediaError(`Cannot run ${binary}: ${err.message}`)));
    child.on('close', (code, exitSignal) => {
      options.signal?.removeEventListener('abort', onAbort);
      if (options.signal?.aborted) return reject(abortError());
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new MediaError(failureReason(binary, stderr, exitSignal)));
    });
    if (options.stdin) child.stdin.end(options.stdin);
    else child.stdin.end();
  });
}
