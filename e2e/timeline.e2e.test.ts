/**
 * The timeline in real Chromium through the browser host: in/out points limit propagation, the
 * drift strip shows the tracked frames and leads to a drifted one, J/K/L and the arrow keys move
 * the playhead, and the scrub thumbnail shows the frame the slider would select.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, demoCentre, writeDemoClip } from '../src/cli/demo-clip';
import type { RunningHost } from '../src/host/server';
import { repoRoot } from '../src/testing/paths';
import { screenPoint as screenPointOf, startStudioPage, type StudioPage } from './studio-page';

let studio: StudioPage;
let dir: string;
let host: RunningHost;
let page: Page;

const LAST = DEMO.frames - 1;
const OUT_POINT = 20;
/** A frame where a click lands on the background, far from the subject: the frame tracked into it drifts. */
const MISCLICK_FRAME = 15;

const screenPoint = (x: number, y: number) => screenPointOf(page, x, y);

const shownFrame = async () => Number(await page.getByTestId('frame-number').textContent());

/** Goes to a frame with the slider, then hands the keyboard back to the editor's shortcuts. */
async function goTo(frame: number): Promise<void> {
  await page.getByTestId('frame-slider').fill(String(frame));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.waitForSelector(`[data-testid="viewer"][data-frame="${frame}"]`);
}

async function press(key: string, frame: number): Promise<void> {
  await page.keyboard.press(key);
  await expect.poll(shownFrame).toBe(frame);
}

async function clickImage(x: number, y: number, frame: number): Promise<void> {
  const at = await screenPoint(x, y);
  await page.mouse.click(at.x, at.y);
  await page.waitForSelector(`[data-testid="viewer"][data-mask-frame="${frame}"]`);
}

const driftCells = () => page.getByTestId('drift-cell');
const cellFrames = async () => (await driftCells().evaluateAll((cells) => cells.map((c) => Number(c.getAttribute('data-frame'))))).sort((a, b) => a - b);

beforeAll(async () => {
  studio = await startStudioPage('sam2m-timeline-', { width: 1280, height: 800 });
  ({ dir, host, page } = studio);
  const clip = await writeDemoClip(join(dir, 'demo.mp4'));
  await page.goto(host.url);
  await page.getByTestId('open-path').fill(clip);
  await page.getByTestId('open-button').click();
  await page.waitForSelector('[data-testid="viewer"][data-frame="0"]');
});

afterAll(async () => {
  await studio?.close();
});

describe('the timeline in Chromium', () => {
  it('propagates only up to the out point, and the drift strip shows a cell per tracked frame', async () => {
    await page.getByTestId('tool-point').click();
    const start = demoCentre(0);
    await clickImage(start.x, start.y, 0);
    await goTo(MISCLICK_FRAME);
    await clickImage(DEMO.width - 40, 40, MISCLICK_FRAME);

    await goTo(OUT_POINT);
    await page.keyboard.press('o');
    await expect.poll(() => page.getByTestId('out-marker').getAttribute('data-frame')).toBe(String(OUT_POINT));

    await page.getByTestId('propagate-button').click();
    await page.getByTestId('propagate-button').and(page.locator(':enabled')).waitFor({ timeout: 120_000 });

    const tracked = Array.from({ length: OUT_POINT + 1 }, (_, f) => f);
    await expect.poll(cellFrames).toEqual(tracked);
    await expect.poll(() => page.getByTestId('drift-strip').getAttribute('data-cells')).toBe(String(tracked.length));
    expect(await page.locator('[data-testid="tracked-lanes"] .lane.tracked').first().getAttribute('data-tracked-count')).toBe(String(tracked.length));
    // Past the out point the tracker has nothing: no mask is shown there.
    await goTo(OUT_POINT + 5);
    expect(await page.getByTestId('viewer').getAttribute('data-mask-frame')).not.toBe(String(OUT_POINT + 5));
  });

  it('leads from smooth frames to the drifted one next to the misclick, and back', async () => {
    const smooth = page.locator(`[data-testid="drift-cell"][data-frame="5"]`);
    expect(await smooth.getAttribute('data-drifted')).toBe('false');
    await goTo(0);
    await page.keyboard.press('.');
    await expect.poll(shownFrame).toBeGreaterThan(0);
    const landed = await shownFrame();
    expect(Math.abs(landed - MISCLICK_FRAME)).toBeLessThanOrEqual(1);
    expect(await page.locator(`[data-testid="drift-cell"][data-frame="${landed}"]`).getAttribute('data-drifted')).toBe('true');
    // Nothing doubtful before it: the previous-doubtful key stays.
    await page.keyboard.press(',');
    await page.keyboard.press('ArrowRight');
    await expect.poll(shownFrame).toBe(landed + 1);
    await press(',', landed);
    await page.screenshot({ path: join(repoRoot, 'out/e2e-timeline.png') });
  });

  it('moves the playhead with the arrow keys, Home and End', async () => {
    await goTo(0);
    await press('ArrowRight', 1);
    await press('Shift+ArrowRight', 11);
    await press('ArrowLeft', 10);
    await press('Shift+ArrowLeft', 0);
    await press('End', LAST);
    await press('Home', 0);
  });

  it('plays with L, faster with L again, in reverse with J, and stops with K', async () => {
    await goTo(0);
    const rate = () => page.getByTestId('play-rate').getAttribute('data-rate');
    // Playback keeps the clock, so the clip's 1.6 s may be over by the next look: each key is checked at once.
    await page.keyboard.press('l');
    await expect.poll(rate).toBe('1');
    await page.keyboard.press('l');
    await expect.poll(rate).toBe('2');
    await expect.poll(shownFrame).toBeGreaterThan(3);
    await page.keyboard.press('k');
    await expect.poll(rate).toBe('0');
    const stopped = await shownFrame();
    await page.waitForTimeout(300);
    expect(await shownFrame()).toBe(stopped);

    // From the end, where reverse play has the whole clip to run.
    await goTo(LAST);
    await page.keyboard.press('j');
    await expect.poll(rate).toBe('-1');
    await expect.poll(shownFrame).toBeLessThan(LAST);
    // Reverse play stops by itself at the first frame.
    await expect.poll(rate, { timeout: 20_000 }).toBe('0');
    expect(await shownFrame()).toBe(0);
  });

  it('shows a thumbnail of the frame under the pointer, and selects that frame on click', async () => {
    const slider = page.getByTestId('frame-slider');
    const box = (await slider.boundingBox())!;
    const target = 30;
    // The thumb's centre travels the slider inset by half the thumb (10 px).
    const x = box.x + 5 + (target / LAST) * (box.width - 10);
    await page.mouse.move(x, box.y + box.height / 2);
    const preview = page.getByTestId('scrub-preview');
    await expect.poll(() => preview.getAttribute('data-frame')).toBe(String(target));
    await expect.poll(() => preview.getAttribute('data-thumbnail-frame')).toBe(String(target));
    // The thumbnail shows the subject where it is on that frame: warm stripes, not the blue-green ground.
    const { x: cx, y: cy } = demoCentre(target);
    const [r, , b] = await preview
      .locator('canvas')
      .evaluate(
        (canvas: HTMLCanvasElement, [u, v]) => [...canvas.getContext('2d')!.getImageData(Math.round(u * canvas.width), Math.round(v * canvas.height), 1, 1).data],
        [cx / DEMO.width, cy / DEMO.height],
      );
    expect(r).toBeGreaterThan(b + 60);
    await page.screenshot({ path: join(repoRoot, 'out/e2e-timeline-scrub.png') });
    await page.mouse.click(x, box.y + box.height / 2);
    await expect.poll(shownFrame).toBe(target);
    await page.mouse.move(box.x + box.width / 2, box.y - 200);
    await expect.poll(() => preview.count()).toBe(0);
  });

  it('offers the in/out range to the export dialog, and clears it', async () => {
    await goTo(5);
    await page.keyboard.press('i');
    await expect.poll(() => page.getByTestId('in-marker').getAttribute('data-frame')).toBe('5');
    await page.getByTestId('export-button').click();
    expect(await page.getByTestId('export-range-start').inputValue()).toBe('5');
    expect(await page.getByTestId('export-range-end').inputValue()).toBe(String(OUT_POINT));
    await page.getByTestId('export-button').click();

    await page.keyboard.press('Alt+i');
    await expect.poll(() => page.getByTestId('in-marker').count()).toBe(0);
    await page.getByTestId('clear-in-out').click();
    await expect.poll(() => page.getByTestId('out-marker').count()).toBe(0);
  });
});
