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
import { clickImage, colourDistance, freshRuns, goTo, laneCount, openClip, startStudioPage, viewerPixel, waitForTracking, type StudioPage } from './studio-page';

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

/** The right cup's colour on each of the frames, as shown. */
async function rightCupAt(frames: number[]): Promise<number[][]> {
  const colours: number[][] = [];
  for (const f of frames) {
    await goTo(page, f);
    colours.push(await viewerPixel(page, RIGHT_CUP));
  }
  return colours;
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
    await goTo(page, OUT, false);
    await page.keyboard.press('o');
    await goTo(page, 0, false);
    await clickImage(page, MIDDLE_CUP, 0);
    await page.getByTestId('propagate-direction').selectOption('forward');
    await page.getByTestId('propagate-button').click();
    await waitForTracking(page);
    await expect.poll(() => laneCount(page, 'data-tracked-count')).toBe(OUT + 1);
    const untinted = await rightCupAt([20, 40]);

    // A click on the right cup of tracked frame 30: the object is both cups from there, both ways.
    await goTo(page, CORRECTED);
    await clickImage(page, RIGHT_CUP, CORRECTED);
    await expect.poll(() => page.getByTestId('propagate-count').textContent(), { timeout: 180_000 }).toBe(`${OUT - 1} frames tracked`);
    await waitForTracking(page);
    expect(await laneCount(page, 'data-stale-count')).toBe(0);
    expect(await freshRuns(page)).toBe(1);
    const tinted = await rightCupAt([20, 40]);
    // Frame 20, before the correction, was re-tracked from it (backward) as much as frame 40 after it.
    tinted.forEach((colour, i) => expect(colourDistance(colour, untinted[i])).toBeGreaterThan(30));
    await goTo(page, 20);
    await page.screenshot({ path: join(SHOTS, 'e2e-corrections-auto.png') });
  });

  it('in manual mode frames stay stale until Propagate, which tracks only its direction; undo and redo leave no hole', async () => {
    await page.getByTestId('retrack-mode').selectOption('manual');
    const before = await rightCupAt([35, 40, 50]);
    // Alt-click: the right cup is not the object on frame 45.
    await goTo(page, MANUAL);
    await clickImage(page, RIGHT_CUP, MANUAL, true);
    await expect.poll(() => laneCount(page, 'data-stale-count')).toBe(OUT - CORRECTED - 1);
    await page.waitForTimeout(1500);
    expect(await laneCount(page, 'data-stale-count')).toBe(OUT - CORRECTED - 1);
    await page.screenshot({ path: join(SHOTS, 'e2e-corrections-stale.png') });

    await page.getByTestId('propagate-direction').selectOption('backward');
    await page.getByTestId('propagate-button').click();
    await waitForTracking(page);
    expect(await page.getByTestId('propagate-count').textContent()).toBe(`${MANUAL - CORRECTED - 1} frames tracked`);
    expect(await laneCount(page, 'data-stale-count')).toBe(OUT - MANUAL);
    const corrected = await rightCupAt([35, 40, 50]);
    // Backward from 45 re-tracked 31..44 without the right cup; 50 is still stale, as it was.
    expect(colourDistance(corrected[1], before[1])).toBeGreaterThan(30);
    expect(colourDistance(corrected[2], before[2])).toBeLessThan(4);
    await page.screenshot({ path: join(SHOTS, 'e2e-corrections-backward.png') });

    await page.getByTestId('undo-button').click();
    await expect.poll(() => laneCount(page, 'data-stale-count')).toBe(0);
    expect(await laneCount(page, 'data-tracked-count')).toBe(OUT + 1);
    expect(await freshRuns(page)).toBe(1);
    (await rightCupAt([35, 40, 50])).forEach((colour, i) => expect(colourDistance(colour, before[i])).toBeLessThan(4));

    await page.getByTestId('redo-button').click();
    await expect.poll(() => laneCount(page, 'data-stale-count')).toBe(OUT - MANUAL);
    expect(await laneCount(page, 'data-tracked-count')).toBe(OUT + 1);
    (await rightCupAt([35, 40, 50])).forEach((colour, i) => expect(colourDistance(colour, corrected[i])).toBeLessThan(4));
    await page.screenshot({ path: join(SHOTS, 'e2e-corrections-redo.png') });
  });
});
