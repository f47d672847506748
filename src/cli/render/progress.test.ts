import { describe, expect, it } from 'vitest';
import { createProgress, progressText } from './progress';

function stream(isTTY: boolean) {
  const written: string[] = [];
  return { written, isTTY, write: (text: string) => written.push(text) };
}

describe('progress', () => {
  it('rewrites a bar in place on a terminal', () => {
    const tty = stream(true);
    const progress = createProgress(tty, 'Rendering');
    for (let done = 1; done <= 3; done++) progress.update(done, 3);
    progress.finish();
    expect(tty.written.join('')).toBe(
      `\rRendering [${'#'.repeat(10)}${'-'.repeat(20)}] 1/3 (33%)\rRendering [${'#'.repeat(20)}${'-'.repeat(10)}] 2/3 (66%)\rRendering [${'#'.repeat(30)}] 3/3 (100%)\n`,
    );
  });

  it('writes a plain line per tenth of the work in a log', () => {
    const log = stream(false);
    const progress = createProgress(log, 'Tracking');
    for (let done = 1; done <= 200; done++) progress.update(done, 200);
    progress.finish();
    expect(log.written).toHaveLength(11);
    expect(log.written.every((line) => line.endsWith('\n') && !line.includes('\r'))).toBe(true);
    expect(log.written.at(-1)).toBe('Tracking 200/200 (100%)\n');
  });

  it('says 100% of nothing', () => {
    expect(progressText('Joining', 0, 0)).toBe('Joining 0/0 (100%)');
  });
});
