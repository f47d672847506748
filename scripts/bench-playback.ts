/**
 * Review in real time (issue 14 item 4): drives the built app in Chromium through the browser host on
 * 02_cups.mp4 with one tracked object (the classic tracker), plays for 10 s and counts the frames that
 * reached the screen with their mask, then scrubs to cached frames and times each seek until frame and
 * mask show. Both are sampled inside the page once per animation frame from the viewer's
 * data-mask-frame (the frame whose image and mask the drawn canvases hold), so a frame that was
 * skipped or never painted is never counted. Last line: `playback N fps`.
 *
 *   npm run bench:playback [-- --seconds 10 --scrubs 15 --width 1280 --height 800 --screenshot out/playback.png]
 *
 * --playback-resolution picks the viewer's Playback choice (the app's default when left out); the width the
 * frames were played at is printed with the figures.
 *
 * --renderer DIR plays another build of the renderer against the same host, to compare two builds side by
 * side on a machine whose load changes; the load average is printed with the figures.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../e2e/browser';
import { startHost } from '../src/host/server';
import { StudioService } from '../src/main/services/studio-service';
import { repoRoot, sharedData } from '../src/testing/paths';

const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    scrubs: { type: 'string', default: '15' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '800' },
    clip: { type: 'string', default: sharedData('clips', '02_cups.mp4') },
    screenshot: { type: 'string' },
    renderer: { type: 'string', default: join(repoRoot, 'out/renderer') },
    'playback-resolution': { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (args.help) {
  console.log('npm run bench:playback [-- --seconds S --scrubs N --width W --height H --clip PATH --screenshot PNG --renderer DIR --playback-resolution full|half|quarter]');
  process.exit(0);
}

/** The middle cup on frame 0 (as classic-tracker.test.ts clicks it), in source pixels. */
const CLICK = { x: 655, y: 440 };
const seconds = Number(args.seconds);
const clip = resolve(args.clip);
if (!existsSync(clip)) throw new Error(`No clip at ${clip} (set SAM2M_DATA, or pass --clip)`);
const rendererDir = resolve(args.renderer);
if (!existsSync(join(rendererDir, 'index.html'))) throw new Error(`No built renderer in ${rendererDir}: run npm run build first`);

/** Installed in the page: records each animation frame's data-mask-frame into window.__shown, and the picture's widths. */
function startSampling(): void {
  const viewer = document.querySelector('[data-testid="viewer"]')!;
  const picture = viewer.querySelector('canvas')!;
  const w = window as unknown as { __shown: number[]; __widths: number[]; __sampling: boolean };
  w.__shown = [];
  w.__widths = [];
  w.__sampling = true;
  const tick = () => {
    if (!w.__sampling) return;
    w.__shown.push(Number(viewer.getAttribute('data-mask-frame')));
    if (!w.__widths.includes(picture.width)) w.__widths.push(picture.width);
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/**
 * In the page: moves the frame slider to f, resolves with ms until the viewer shows f with its mask, and until
 * it shows it at `sharpWidth` (the paused resolution) when given (Infinity after 10 s).
 */
function seekAndTime([f, sharpWidth]: [number, number | null]): Promise<[number, number]> {
  const viewer = document.querySelector('[data-testid="viewer"]')!;
  const picture = viewer.querySelector('canvas')!;
  const slider = document.querySelector<HTMLInputElement>('[data-testid="frame-slider"]')!;
  const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  const start = performance.now();
  setValue.call(slider, String(f));
  slider.dispatchEvent(new Event('input', { bubbles: true }));
  let shown = Infinity;
  return new Promise((done) => {
    const tick = () => {
      const ms = performance.now() - start;
      if (shown === Infinity && Number(viewer.getAttribute('data-mask-frame')) === f) shown = ms;
      if (shown < Infinity && (sharpWidth === null || picture.width === sharpWidth)) done([shown, ms]);
      else if (ms > 10_000) done([shown, Infinity]);
      else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const dir = await mkdtemp(join(tmpdir(), 'sam2m-bench-playback-'));
let service: StudioService | undefined;
const host = await startHost({
  rendererDir,
  // An empty models folder: the classic tracker, as on a machine without SAM 2.1.
  createApi: (emit) => (service = new StudioService({ emit, modelsDir: join(dir, 'models'), workDir: join(dir, 'work'), autosaveDir: join(dir, 'autosave') })),
});
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: Number(args.width), height: Number(args.height) } });
  page.on('pageerror', (err) => console.error('page error:', err.message));
  // tsx keeps function names with a helper the page lacks; the functions passed to evaluate need it.
  await page.addInitScript('window.__name = (f) => f');
  await page.goto(host.url);
  await page.getByTestId('open-path').fill(clip);
  await page.getByTestId('open-button').click();
  await page.waitForSelector('[data-testid="viewer"][data-frame="0"]', { timeout: 60_000 });
  const frameCount = Number(await page.getByTestId('frame-slider').getAttribute('max')) + 1;

  await page.getByTestId('tool-point').click();
  const viewer = page.getByTestId('viewer');
  const box = (await viewer.boundingBox())!;
  const attr = async (name: string) => Number(await viewer.getAttribute(name));
  const scale = await attr('data-scale');
  await page.mouse.click(box.x + (await attr('data-offset-x')) + CLICK.x * scale, box.y + (await attr('data-offset-y')) + CLICK.y * scale);
  await page.waitForSelector('[data-testid="viewer"][data-mask-frame="0"]', { timeout: 60_000 });

  await page.getByTestId('propagate-direction').selectOption('forward');
  const tracking = Date.now();
  await page.getByTestId('propagate-button').click();
  await page
    .getByTestId('job-progress')
    .waitFor({ state: 'visible' })
    .catch(() => {});
  await page.getByTestId('propagate-button').and(page.locator(':enabled')).waitFor({ timeout: 600_000 });
  console.log(`tracked ${frameCount} frames of ${clip} in ${((Date.now() - tracking) / 1000).toFixed(1)} s`);

  // From frame 0, as an editor reviews a shot.
  await page.evaluate(seekAndTime, [0, null] as [number, null]);
  if (args['playback-resolution']) await page.getByTestId('playback-resolution').selectOption(args['playback-resolution']);
  const resolution = await page.getByTestId('playback-resolution').inputValue();
  await page.evaluate(startSampling);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await page.waitForTimeout(seconds * 500);
  if (args.screenshot) await page.screenshot({ path: resolve(args.screenshot) });
  await page.waitForTimeout(seconds * 500);
  const { shown, widths } = await page.evaluate(() => {
    const w = window as unknown as { __shown: number[]; __widths: number[]; __sampling: boolean };
    w.__sampling = false;
    return { shown: w.__shown, widths: w.__widths };
  });
  await page.keyboard.press('k'); // stops the shuttle, also when playback already reached the end
  const distinct = shown.filter((f, i) => f >= 0 && f !== shown[i - 1]);
  const fps = distinct.length / seconds;
  console.log(`playback resolution ${resolution}: frames played ${widths.slice(1).join(', ') || widths[0]} px wide (paused: ${widths[0]} px)`);
  console.log(`${shown.length} animation frames sampled in ${seconds} s; ${distinct.length} frames shown with their mask, reaching frame ${Math.max(...shown)} of ${frameCount}`);

  // Scrubbing to frames already shown once (decoded and cached), in a random order.
  const cached = [...new Set(distinct)];
  const times: number[] = [];
  const sharp: number[] = [];
  let seed = 12345;
  let at = Number(await viewer.getAttribute('data-mask-frame'));
  while (times.length < Number(args.scrubs) && cached.length > 1) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31; // a fixed pseudo-random order, the same on every run
    const f = cached[seed % cached.length];
    if (f === at) continue;
    const [shownMs, sharpMs] = await page.evaluate(seekAndTime, [f, widths[0]] as [number, number]);
    times.push(shownMs);
    sharp.push(sharpMs);
    at = f;
  }
  console.log(`scrub to a cached frame: median ${median(times).toFixed(0)} ms, max ${Math.max(...times).toFixed(0)} ms over ${times.length} seeks`);
  // A frame played at a lower resolution shows at once as played, then at the paused resolution once it has loaded.
  console.log(`  at the paused resolution (${widths[0]} px): median ${median(sharp).toFixed(0)} ms, max ${Math.max(...sharp).toFixed(0)} ms`);
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} (${cpus().length} cores)`,
  );
  console.log(`playback ${fps.toFixed(1)} fps`);
} finally {
  await browser.close();
  await service?.close();
  await host.close();
  await rm(dir, { recursive: true, force: true });
}
