/** A long-lived ffmpeg fed or drained a frame at a time, with backpressure both ways. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { abortError } from '../../shared/common/abort';
import { failureReason, MediaError } from './ffmpeg';

export class ToolProcess {
  /** Resolves when the tool exits with 0; rejects with its last error line, or an AbortError after kill(). */
  readonly exited: Promise<void>;
  private readonly child: ChildProcessWithoutNullStreams;
  private stderr = '';
  private killed = false;
  private running = true;
  /** The pending read, called whenever stdout has news. */
  private onStdout: (() => void) | null = null;

  /** `context` starts every error message, e.g. "Cannot decode /clips/a.mp4". */
  constructor(
    binary: string,
    args: string[],
    private readonly context: string,
  ) {
    this.child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    this.child.stderr.on('data', (d: Buffer) => {
      this.stderr = (this.stderr + d.toString()).slice(-8000);
    });
    this.child.stdin.on('error', () => {}); // EPIPE when the tool dies; its exit status says why
    // Listen for good, not per read: Node resumes (and so drops) the unread output of an exited
    // child whose stdout has no 'readable' listener, which would lose the last frames.
    this.child.stdout.on('readable', () => this.onStdout?.());
    this.child.stdout.on('end', () => this.onStdout?.());
    this.exited = new Promise<void>((resolve, reject) => {
      this.child.on('error', (err) => {
        this.running = false;
        reject(new MediaError(`${context}: cannot run ${binary} (${err.message})`));
      });
      this.child.on('close', (code, exitSignal) => {
        this.running = false;
        if (this.killed) reject(abortError());
        else if (code === 0) resolve();
        else reject(new MediaError(`${context}: ${failureReason(binary, this.stderr, exitSignal)}`));
      });
    });
    this.exited.catch(() => {}); // callers that care await it; the rest must not see an unhandled rejection
  }

  /** Writes to the tool's stdin; resolves once it has taken the data in (backpressure), rejects if it exits. */
  write(data: Uint8Array): Promise<void> {
    if (!this.running) return this.exitedEarly();
    if (this.child.stdin.write(data)) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const onDrain = () => {
        this.child.off('close', onClose);
        resolve();
      };
      const onClose = () => {
        this.child.stdin.off('drain', onDrain);
        this.exitedEarly().catch(reject);
      };
      this.child.stdin.once('drain', onDrain);
      this.child.once('close', onClose);
    });
  }

  /** Closes stdin and waits for a clean exit. */
  async finish(): Promise<void> {
    this.child.stdin.end();
    await this.exited;
  }

  /**
   * The next `size` bytes of stdout, or null at its clean end. Aborting kills the tool,
   * since a half-read frame leaves the stream unusable.
   */
  read(size: number, signal?: AbortSignal): Promise<Buffer | null> {
    if (this.onStdout) return Promise.reject(new Error('ToolProcess.read: one read at a time'));
    const stdout = this.child.stdout;
    return new Promise<Buffer | null>((resolve, reject) => {
      const settle = (outcome: () => void) => {
        this.onStdout = null;
        signal?.removeEventListener('abort', onAbort);
        outcome();
      };
      const onAbort = () => {
        this.kill();
        settle(() => reject(abortError()));
      };
      // At the end, wait for the exit status: a failed tool also ends its output early.
      const afterExit = (outcome: () => void) => settle(() => this.exited.then(outcome, reject));
      const attempt = () => {
        const chunk = stdout.read(size) as Buffer | null;
        // Only the end of the stream gives back less than asked.
        if (chunk && chunk.length < size) afterExit(() => reject(new MediaError(`${this.context}: output ended after ${chunk.length} of ${size} bytes`)));
        else if (chunk) settle(() => resolve(chunk));
        else if (stdout.readableEnded) afterExit(() => resolve(null));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      this.onStdout = attempt;
      attempt();
    });
  }

  kill(): void {
    if (!this.running) return;
    this.killed = true;
    this.child.kill('SIGKILL');
  }

  private async exitedEarly(): Promise<never> {
    await this.exited;
    throw new MediaError(`${this.context}: ffmpeg stopped before reading all its input`);
  }
}
