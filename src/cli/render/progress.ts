/**
 * Progress in a terminal: a bar rewritten in place on a TTY; in a log (a render farm's, a pipe)
 * plain lines, one per tenth of the work, so logs stay short and readable.
 */

export interface TextStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

const BAR_WIDTH = 30;

/** How much is done, 0..1; nothing to do is all done. */
const share = (done: number, total: number) => (total > 0 ? Math.min(1, done / total) : 1);
const counts = (done: number, total: number) => `${done}/${total} (${Math.floor(100 * share(done, total))}%)`;

export function progressText(label: string, done: number, total: number): string {
  return `${label} ${counts(done, total)}`;
}

/** "Rendering [#########---------------------] 12/40 (30%)". */
export function progressBar(label: string, done: number, total: number): string {
  const filled = Math.floor(BAR_WIDTH * share(done, total));
  return `${label} [${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${counts(done, total)}`;
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
        stream.write(`\r${progressBar(label, done, total)}`);
        open = true;
        return;
      }
      const tenth = Math.floor(10 * share(done, total));
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
