/**
 * Progress in a terminal: one line rewritten in place on a TTY; in a log (a render farm's, a pipe)
 * plain lines, one per tenth of the work, so logs stay short and readable.
 */

export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export function progressText(label: string, done: number, total: number): string {
  const percent = total > 0 ? Math.floor((100 * done) / total) : 100;
  return `${label} ${done}/${total} (${percent}%)`;
}

export interface Progress {
  update(done: number, total: number): void;
  /** Ends the step's line (on a TTY) so the next output starts on its own line. */
  finish(): void;
}

export function createProgress(stream: TextStream, label: string): Progress {
  let lastTenth = -1;
  let open = false;
  return {
    update(done, total) {
      if (stream.isTTY) {
        stream.write(`\r${progressText(label, done, total)}`);
        open = true;
        return;
      }
      const tenth = total > 0 ? Math.floor((10 * done) / total) : 10;
      if (tenth === lastTenth) return;
      lastTenth = tenth;
      stream.write(`${progressText(label, done, total)}\n`);
    },
    finish() {
      if (open) stream.write('\n');
      open = false;
    },
  };
}
