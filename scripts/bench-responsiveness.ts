/**
 * How the editor feels while SAM 2.1 tracks on a CPU (a benchmark, not a test): the UI in Chromium against the
 * browser host, a SAM 2.1 model imported through the Models panel as a user would (the full-size twin for real
 * sizes), a clip opened, then while a propagation runs: scrubbing, prompting a second object on a frame not yet
 * encoded, changing an object's matte control; then Cancel. Prints the latency of each, what the viewer and the
 * job status said, how long the host's event loop and the page's main thread were ever blocked, and how long
 * Cancel took against the time of one tracked frame.
 * Usage: npm run bench:responsiveness -- --models DIR [--clip PATH] [--track N] [--out .tmp/bench-responsiveness.json]
 *   --models: a SAM 2.1 model folder to import (e.g. the full-size twin built with ../shared/sam2-twin/generator)
 *   --track: frames to let propagation track before the checks start (default 3)
 * Needs `npm run build` (the renderer) and /usr/bin/chromium.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import type { Page } from 'playwright-core';
import { importModelInPanel, openClip, screenPoint, startStudioPage, waitForAttr } from '../e2e/studio-page';
import { probeMedia } from '../src/main/media/probe';
import type { StudioService } from '../src/main/services/studio-service';
import { sharedFile } from '../src/testing/paths';

interface Options {
  models: string;
  clip: string;
  track: number;
  out: string;
}

function parseArgs(argv: string[]): Options {
  const options: Partial<Options> = { clip: sharedFile('data', 'clips', '02_cups.mp4'), track: 3, out: '.tmp/bench-responsiveness.json' };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--models') options.models = resolve(value);
    else if (flag === '--clip') options.clip = resolve(value);
    else if (flag === '--track') options.track = Number(value);
    else if (flag === '--out') options.out = value;
    else throw new Error(`Unknown option ${flag}`);
  }
  if (!options.models) throw new Error('--models DIR is required: a SAM 2.1 model folder to import (see the script header)');
  if (!Number.isInteger(options.track) || options.track! < 1) throw new Error('--track must be a whole number of frames, at least 1');
  return options as Options;
}

/** Resolves when a service method's next call after now has answered, with the time it answered. */
function nextAnswer(service: StudioService, method: 'setPrompts' | 'updateObject'): Promise<number> {
  const original = service[method] as (...args: unknown[]) => Promise<unknown>;
  return new Promise((resolveAnswer, reject) => {
    (service as unknown as Record<string, unknown>)[method] = async (...args: unknown[]) => {
      (service as unknown as Record<string, unknown>)[method] = original;
      try {
        const result = await original.apply(service, args);
        resolveAnswer(performance.now());
        return result;
      } catch (err) {
        reject(err);
        throw err;
      }
    };
  });
}

/** The viewer notice's texts seen until `done` settles, polled at 20 ms. */
async function noticesUntil(page: Page, done: Promise<unknown>): Promise<string[]> {
  const seen = new Set<string>();
  let finished = false;
  void done.finally(() => (finished = true));
  while (!finished) {
    const text = await page
      .getByTestId('viewer-notice')
      .textContent({ timeout: 100 })
      .catch(() => null);
    if (text) seen.add(text);
    await new Promise((r) => setTimeout(r, 20));
  }
  return [...seen];
}

const step = (what: string) => console.log(`${new Date().toISOString().slice(11, 19)} ${what}`);

async function clickAt(page: Page, x: number, y: number): Promise<void> {
  const at = await screenPoint(page, x, y);
  await page.mouse.click(at.x, at.y);
}

/** Shows a frame through the slider and waits until the viewer drew it with its mask; ms. */
async function scrubTo(page: Page, frame: number): Promise<number> {
  const start = performance.now();
  await page.getByTestId('frame-slider').fill(String(frame));
  await waitForAttr(page, 'viewer', 'data-mask-frame', String(frame), 600_000);
  return performance.now() - start;
}

/** Frames of the first object with a mask, as its lane says. */
const trackedCount = async (page: Page) => Number(await page.locator('[data-testid="tracked-lanes"] [data-tracked-count]').first().getAttribute('data-tracked-count'));

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const studio = await startStudioPage('sam2m-bench-resp-', { width: 1400, height: 900 });
  const { page } = studio;
  const figures: Record<string, unknown> = { clip: options.clip, models: options.models };
  try {
    await page.goto(studio.host.url);
    await page.getByTestId('models-button').click();
    step(`importing ${options.models} through the Models panel`);
    await importModelInPanel(page, 'sam2.1-hiera-tiny', options.models);
    await page.getByRole('button', { name: 'Close models' }).click();
    await openClip(page, options.clip);
    figures.tracker = (await page.getByTestId('engine-info').textContent())?.trim();
    const service = studio.service()!;

    // The page's main thread: every task over 50 ms (Chromium's long tasks).
    await page.evaluate(() => {
      const w = window as unknown as { longTasks: number[] };
      w.longTasks = [];
      new PerformanceObserver((list) => list.getEntries().forEach((e) => w.longTasks.push(e.duration))).observe({ type: 'longtask', buffered: false });
    });
    const loop = monitorEventLoopDelay({ resolution: 10 });
    loop.enable();

    // 1. The first click on a frame: image features, then the mask.
    step('first click on frame 0');
    await page.getByTestId('tool-point').click();
    const size = await probeMedia(options.clip);
    let clicked = performance.now();
    let answered = nextAnswer(service, 'setPrompts');
    await clickAt(page, size.width / 2, size.height / 2);
    const coldNotices = await noticesUntil(page, answered);
    await waitForAttr(page, 'viewer', 'data-mask-frame', '0', 600_000);
    figures.coldClickMs = (await answered) - clicked;
    figures.coldClickNotices = coldNotices;

    // 2. A second click on the same frame: its features are cached.
    step('second click on frame 0');
    clicked = performance.now();
    answered = nextAnswer(service, 'setPrompts');
    await clickAt(page, size.width / 2 + 8, size.height / 2 + 8);
    figures.warmClickMs = (await answered) - clicked;

    // 3. Propagation, and what its status says once it has a pace.
    step('propagating');
    await page.getByTestId('propagate-direction').selectOption('forward');
    const started = performance.now();
    await page.getByTestId('propagate-button').click();
    await page.waitForFunction(
      (n) => Number(document.querySelector('[data-testid="tracked-lanes"] [data-tracked-count]')?.getAttribute('data-tracked-count')) >= n,
      options.track + 1,
      { timeout: 3_600_000, polling: 200 },
    );
    const tracked = await trackedCount(page);
    figures.propagationMsPerFrame = (performance.now() - started) / Math.max(1, tracked - 1);
    figures.statusWhileTracking = await page.getByTestId('propagate-status').textContent();

    // 4. While it runs: scrub to tracked frames.
    step('scrubbing while it tracks');
    figures.scrubMs = [await scrubTo(page, 1), await scrubTo(page, 0), await scrubTo(page, Math.min(2, tracked - 1))];

    // 5. While it runs: a second object, prompted on a frame far ahead (not encoded yet).
    step('a second object while it tracks');
    const far = Math.min(120, Number(await page.getByTestId('frame-slider').getAttribute('max')));
    await page.getByTestId('frame-slider').fill(String(far));
    await waitForAttr(page, 'viewer', 'data-frame', String(far));
    await page.getByTestId('add-object').click();
    clicked = performance.now();
    answered = nextAnswer(service, 'setPrompts');
    await clickAt(page, size.width / 3, size.height / 3);
    figures.secondObjectNotices = await noticesUntil(page, answered);
    await waitForAttr(page, 'viewer', 'data-mask-frame', String(far), 600_000);
    figures.secondObjectClickMs = (await answered) - clicked;

    // 6. While it runs: the first object's matte control changed.
    step('a matte control while it tracks');
    await page.getByTestId('object-item').first().click();
    const slider = page.locator('[data-testid="matte-controls"] input[type="range"]').first();
    clicked = performance.now();
    const updated = nextAnswer(service, 'updateObject');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    figures.matteControlMs = (await updated) - clicked;
    figures.stillTracking = (await page.getByTestId('cancel-job').isEnabled()) ? 'yes' : 'no (finished before the checks ended: track fewer frames or use a longer clip)';

    // 7. Cancel: how long until the job has stopped, against one frame's time.
    step('cancelling');
    const before = await trackedCount(page);
    clicked = performance.now();
    await page.getByTestId('cancel-job').click();
    await page.getByTestId('propagate-button').and(page.locator(':enabled')).waitFor({ timeout: 600_000 });
    figures.cancelMs = performance.now() - clicked;
    figures.framesAfterCancel = (await trackedCount(page)) - before;
    figures.statusAfterCancel = await page.getByTestId('propagate-status').textContent();

    loop.disable();
    figures.hostEventLoopMaxMs = loop.max / 1e6;
    figures.hostEventLoopP99Ms = loop.percentile(99) / 1e6;
    const longTasks = await page.evaluate(() => (window as unknown as { longTasks: number[] }).longTasks);
    figures.pageLongTasks = longTasks.length;
    figures.pageLongestTaskMs = Math.max(0, ...longTasks);
    await page.screenshot({ path: resolve('.tmp', 'bench-responsiveness.png') });
  } finally {
    await studio.close();
  }
  for (const [key, value] of Object.entries(figures)) console.log(`${key}: ${typeof value === 'number' ? value.toFixed(0) : JSON.stringify(value)}`);
  await mkdir(dirname(options.out), { recursive: true });
  await writeFile(options.out, JSON.stringify(figures, null, 2));
}

await main();
