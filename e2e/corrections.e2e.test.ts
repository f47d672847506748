/**
 * Corrections in Chromium on 02_cups.mp4 (three red cups alike), classic tracker (issue 14, items 1 and 2):
 * a click on a tracked frame re-tracks the frames on both sides by itself; in manual mode they stay stale
 * (hatched on the lane) until Propagate, which tracks only those of its direction and says how many; undo
 * and redo bring back the masks that were, with no hole in the lane.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningHost } from '../src/host/server';
import { repoRoot, sharedData, sharedDataProblem } from '../src/testing/paths';
import { openClip, screenPoint, startStudioPage, waitForAttr, type StudioPage } from './studio-page';

let studio: StudioPage;
let host: RunningHost;
let page: Page;

/** Propagation stops here (the out point): enough frames to see both sides of a correction, quick on two cores. */
const OUT = 60;
const CORRECTED = 30;
const MANUAL = 45;
/** Centres of two cups on frame 0 (source pixels); they stand still for the first frames. */
const MIDDLE_CUP = { x: 655, y: 440 };
const RIGHT_CUP = { x: 915, y: 440 };
const SHOTS = join(repoRoot, 'out');

const lane = () => page.locator('[data-testid="tracked-lanes"] .lane.tracked').first();
const laneCount = async (name: 'data-tracked-count' | 'data-stale-count') => Number(await lane().getAttribute(name));
/** Runs of fresh frames on the lane: one, when nothing is missing between the first frame and the out point. */
const freshRuns = () => lane().locator('.run:not(.stale)').count();

/** Goes to a frame and waits until it is shown, with its mask unless it has none yet. */
async function goTo(frame: number, masked = true): Promise<void> {
  await page.getByTestId('frame-slider').fill(String(frame));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await waitForAttr(page, 'viewer', masked ? 'data-mask-frame' : 'data-frame', String(frame));
}

async function click(point: { x: number; y: number }, frame: number, negative = false): Promise<void> {
  const at = await screenPoint(page, point.x, point.y);
  if (negative) await page.keyboard.down('Alt');
  await page.mouse.click(at.x, at.y);
  if (negative) await page.keyboard.up('Alt');
  await waitForAttr(page, 'viewer', 'data-mask-frame', String(frame));
}

/** The colour the viewer shows at an image pixel: the frame with the object's tint where its mask is. */
async function viewerPixel(point: { x: number; y: number }): Promise<number[]> {
  const at = await screenPoint(page, point.x, point.y);
  return page.evaluate(
    ({ px, py }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="viewer"] canvas')!;
      const rect = canvas.getBoundingClientRect();
      const ratio = canvas.width / rect.width;
      return Array.from(
        canvas
          .getContext('2d')!
          .getImageData(Math.round((px - rect.left) * ratio), Math.round((py - rect.top) * ratio), 1, 1)
          .data.slice(0, 3),
      );
    },
    { px: at.x, py: at.y },
  );
}

const distance = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** The right cup's colour on each of the frames, as shown. */
async function rightCupAt(frames: number[]): Promise<number[][]> {
  const colours: number[][] = [];
  for (const f of frames) {
    await goTo(f);
    colours.push(await viewerPixel(RIGHT_CUP));
  }
  return colours;
}

async function waitForJob(): Promise<void> {
  await page.getByTestId('propagate-button').and(page.locator(':enabled')).waitFor({ timeout: 180_000 });
  await expect.poll(() => page.getByTestId('propagate-status').textContent(), { timeout: 180_000 }).toBe('Tracking finished');
}

beforeAll(async () => {
  studio = await startStudioPage('sam2m-corrections-', { width: 1280, height: 800 });
  ({ host, page } = studio);
});

afterAll(async () => {
  await studio?.close();
});

describe.skipIf(sharedDataProblem() !== null)('corrections in Chromium on 02_cups.mp4', () => {
  it('a correction re-tracks both sides by itself; the lane shows no stale frame afterwards', async () => {
    await page.goto(host.url);
    await openClip(page, sharedData('clips', '02_cups.mp4'));
    await page.getByTestId('tool-point').click();
    await goTo(OUT, false);
    await page.keyboard.press('o');
    await goTo(0, false);
    await click(MIDDLE_CUP, 0);
    await page.getByTestId('propagate-direction').selectOption('forward');
    await page.getByTestId('propagate-button').click();
    await waitForJob();
    await expect.poll(() => laneCount('data-tracked-count')).toBe(OUT + 1);
    const untinted = await rightCupAt([20, 40]);

    // A click on the right cup of tracked frame 30: the object is both cups from there, both ways.
    await goTo(CORRECTED);
    await click(RIGHT_CUP, CORRECTED);
    await expect.poll(() => page.getByTestId('propagate-count').textContent(), { timeout: 180_000 }).toBe(`${OUT - 1} frames tracked`);
    await waitForJob();
    expect(await laneCount('data-stale-count')).toBe(0);
    expect(await freshRuns()).toBe(1);
    const tinted = await rightCupAt([20, 40]);
    // Frame 20, before the correction, was re-tracked from it (backward) as much as frame 40 after it.
    tinted.forEach((colour, i) => expect(distance(colour, untinted[i])).toBeGreaterThan(30));
    await goTo(20);
    await page.screenshot({ path: join(SHOTS, 'e2e-corrections-auto.png') });
  });

  it('in manual mode frames stay stale until Propagate, which tracks only its direction; undo and redo leave no hole', async () => {
    await page.getByTestId('retrack-mode').selectOption('manual');
    const before = await rightCupAt([35, 40, 50]);
    // Alt-click: the right cup is not the object on frame 45.
    await goTo(MANUAL);
    await click(RIGHT_CUP, MANUAL, true);
    await expect.poll(() => laneCount('data-stale-count')).toBe(OUT - CORRECTED - 1);
    await page.waitForTimeout(1500);
    expect(await laneCount('data-stale-count')).toBe(OUT - CORRECTED - 1);
    await page.screenshot({ path: join(SHOTS, 'e2e-corrections-stale.png') });

    await page.getByTestId('propagate-direction').selectOption('backward');
    await page.getByTestId('propagate-button').click();
    await waitForJob();
    expect(await page.getByTestId('propagate-count').textContent()).toBe(`${MANUAL - CORRECTED - 1} frames tracked`);
    expect(await laneCount('data-stale-count')).toBe(OUT - MANUAL);
    const corrected = await rightCupAt([35, 40, 50]);
    // Backward from 45 re-tracked 31..44 without the right cup; 50 is still stale, as it was.
    expect(distance(corrected[1], before[1])).toBeGreaterThan(30);
    expect(distance(corrected[2], before[2])).toBeLessThan(4);
    await page.screenshot({ path: join(SHOTS, 'e2e-corrections-backward.png') });

    await page.getByTestId('undo-button').click();
    await expect.poll(() => laneCount('data-stale-count')).toBe(0);
    expect(await laneCount('data-tracked-count')).toBe(OUT + 1);
    expect(await freshRuns()).toBe(1);
    (await rightCupAt([35, 40, 50])).forEach((colour, i) => expect(distance(colour, before[i])).toBeLessThan(4));

    await page.getByTestId('redo-button').click();
    await expect.poll(() => laneCount('data-stale-count')).toBe(OUT - MANUAL);
    expect(await laneCount('data-tracked-count')).toBe(OUT + 1);
    (await rightCupAt([35, 40, 50])).forEach((colour, i) => expect(distance(colour, corrected[i])).toBeLessThan(4));
    await page.screenshot({ path: join(SHOTS, 'e2e-corrections-redo.png') });
  });
});
