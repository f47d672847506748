/**
 * One Studio for an e2e file: a temp folder, the browser host over a fresh StudioService, and a
 * Chromium page; plus the viewer geometry every file needs to click image pixels.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startHost, type RunningHost } from '../src/host/server';
import { StudioService, type StudioServiceOptions } from '../src/main/services/studio-service';
import { repoRoot } from '../src/testing/paths';
import { launchChromium } from './browser';

export interface StudioPage {
  dir: string;
  host: RunningHost;
  page: Page;
  /** The service of the host's connection, once the page has connected. */
  service(): StudioService | undefined;
  close(): Promise<void>;
}

export async function startStudioPage(
  prefix: string,
  viewport: { width: number; height: number },
  /** The service's options; may prepare files in the temp folder first. */
  serviceOptions: (dir: string) => Promise<Omit<StudioServiceOptions, 'emit'>> | Omit<StudioServiceOptions, 'emit'> = (dir) => ({ modelsDir: join(dir, 'models') }),
): Promise<StudioPage> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  let service: StudioService | undefined;
  const options = await serviceOptions(dir);
  const host = await startHost({
    rendererDir: resolve(repoRoot, 'out/renderer'),
    createApi: (emit) => (service = new StudioService({ emit, ...options })),
  });
  const browser: Browser = await launchChromium();
  const page = await browser.newPage({ viewport });
  page.on('pageerror', (err) => console.error('page error:', err.message));
  return {
    dir,
    host,
    page,
    service: () => service,
    async close() {
      await browser.close();
      await service?.close();
      await host.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Where an image pixel is on screen, from the view transform the viewer publishes. */
export async function screenPoint(page: Page, x: number, y: number): Promise<{ x: number; y: number }> {
  const viewer = page.getByTestId('viewer');
  const box = await viewer.boundingBox();
  const attr = async (name: string) => Number(await viewer.getAttribute(name));
  const scale = await attr('data-scale');
  return { x: box!.x + (await attr('data-offset-x')) + x * scale, y: box!.y + (await attr('data-offset-y')) + y * scale };
}

/** Waits until an element with the test id carries the attribute value (the app's way of saying a reply arrived). */
export async function waitForAttr(page: Page, testId: string, name: string, value: string, timeout = 60_000): Promise<void> {
  await page.waitForSelector(`[data-testid="${testId}"][${name}="${value}"]`, { timeout });
}

/** Imports a model from a local file or folder through the open Models panel, and waits until it is installed. */
export async function importModelInPanel(page: Page, modelId: string, path: string): Promise<void> {
  const row = page.locator(`[data-testid="model-row"][data-model-id="${modelId}"]`);
  await row.getByTestId('model-import-toggle').click();
  await row.getByTestId('model-import-path').fill(path);
  await row.getByTestId('model-import').click();
  await page.waitForSelector(`[data-testid="model-row"][data-model-id="${modelId}"][data-state="installed"]`, { timeout: 120_000 });
}

/** Opens a clip (or an image sequence by one of its files) by path and waits for its first frame. */
export async function openClip(page: Page, path: string): Promise<void> {
  await page.getByTestId('open-path').fill(path);
  await page.getByTestId('open-button').click();
  await waitForAttr(page, 'viewer', 'data-frame', '0');
}

/** screenPoint for many pixels at once: the view transform, read once (it is linear). */
export async function imageToScreen(page: Page): Promise<(x: number, y: number) => { x: number; y: number }> {
  const [origin, unit] = await Promise.all([screenPoint(page, 0, 0), screenPoint(page, 1, 1)]);
  return (x, y) => ({ x: origin.x + x * (unit.x - origin.x), y: origin.y + y * (unit.y - origin.y) });
}

/** Goes to a frame with the slider, hands the keyboard back to the editor's shortcuts, and waits until it is shown, with its mask unless it has none yet. */
export async function goTo(page: Page, frame: number, masked = true): Promise<void> {
  await page.getByTestId('frame-slider').fill(String(frame));
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await waitForAttr(page, 'viewer', masked ? 'data-mask-frame' : 'data-frame', String(frame));
}

/** A point prompt at an image pixel (Alt-click: negative), then waits for the frame's new mask. */
export async function clickImage(page: Page, point: { x: number; y: number }, frame: number, negative = false): Promise<void> {
  const at = await screenPoint(page, point.x, point.y);
  if (negative) await page.keyboard.down('Alt');
  await page.mouse.click(at.x, at.y);
  if (negative) await page.keyboard.up('Alt');
  await waitForAttr(page, 'viewer', 'data-mask-frame', String(frame));
}

/** Drags a box prompt between two image pixels with the box tool (chosen first). */
export async function dragBox(page: Page, box: { x0: number; y0: number; x1: number; y1: number }): Promise<void> {
  await page.getByTestId('tool-box').click();
  const from = await screenPoint(page, box.x0, box.y0);
  const to = await screenPoint(page, box.x1, box.y1);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move(to.x, to.y, { steps: 5 });
  await page.mouse.up();
}

/** The viewer's image layer (frame, masks, matte; prompts are drawn on a layer above). Reads wait two animation frames: Konva draws on the next one. */
const VIEWER_CANVAS = '[data-testid="viewer"] canvas';

/** The colour the viewer shows at an image pixel: the frame with the objects' tints where their masks are. */
export async function viewerPixel(page: Page, point: { x: number; y: number }): Promise<number[]> {
  const at = await screenPoint(page, point.x, point.y);
  return page.evaluate(
    async ({ selector, px, py }) => {
      await new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));
      const canvas = document.querySelector<HTMLCanvasElement>(selector)!;
      const rect = canvas.getBoundingClientRect();
      const ratio = canvas.width / rect.width;
      return Array.from(
        canvas
          .getContext('2d')!
          .getImageData(Math.round((px - rect.left) * ratio), Math.round((py - rect.top) * ratio), 1, 1)
          .data.slice(0, 3),
      );
    },
    { selector: VIEWER_CANVAS, px: at.x, py: at.y },
  );
}

export const colourDistance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

/** The viewer's image layer as a grey image of its canvas pixels (the mean of R, G and B), to compare what is shown. */
export async function viewerGrey(page: Page): Promise<{ width: number; height: number; data: Uint8Array }> {
  const { width, height, base64 } = await page.evaluate(async (selector) => {
    await new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));
    const canvas = document.querySelector<HTMLCanvasElement>(selector)!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let binary = '';
    for (let i = 0; i < data.length; i += 4) binary += String.fromCharCode(Math.round((data[i] + data[i + 1] + data[i + 2]) / 3));
    return { width: canvas.width, height: canvas.height, base64: btoa(binary) };
  }, VIEWER_CANVAS);
  return { width, height, data: new Uint8Array(Buffer.from(base64, 'base64')) };
}

/** Pixels of the viewer's image layer at half grey or brighter: in the alpha view, the matte's area on screen. */
export async function shownMattePixels(page: Page): Promise<number> {
  return page.evaluate(async (selector) => {
    await new Promise((painted) => requestAnimationFrame(() => requestAnimationFrame(painted)));
    const canvas = document.querySelector<HTMLCanvasElement>(selector)!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] >= 128 && data[i + 1] >= 128 && data[i + 2] >= 128) count++;
    return count;
  }, VIEWER_CANVAS);
}

/** Waits until no job runs and the last propagation finished. */
export async function waitForTracking(page: Page, timeout = 180_000): Promise<void> {
  await page.getByTestId('propagate-button').and(page.locator(':enabled')).waitFor({ timeout });
  await expect.poll(() => page.getByTestId('propagate-status').textContent(), { timeout }).toBe('Tracking finished');
}

/** The first object's lane on the timeline: its tracked and stale frames. */
export const trackedLane = (page: Page) => page.locator('[data-testid="tracked-lanes"] .lane.tracked').first();
export const laneCount = async (page: Page, name: 'data-tracked-count' | 'data-stale-count') => Number(await trackedLane(page).getAttribute(name));
/** Runs of fresh frames on the lane: one, when nothing is missing between its first and last frame. */
export const freshRuns = (page: Page) => trackedLane(page).locator('.run:not(.stale)').count();
/** Runs of stale (hatched) frames on the lane. */
export const staleRuns = (page: Page) => trackedLane(page).locator('.run.stale').count();

/** Where a run keeps pictures of its steps: the folder SAM2M_E2E_SHOTS names (made if need be); null when it is unset. */
export async function shotsFolder(): Promise<string | null> {
  const folder = process.env.SAM2M_E2E_SHOTS;
  if (!folder) return null;
  await mkdir(folder, { recursive: true });
  return folder;
}

/** Saves a screenshot of the page as NAME.png in the shots folder, if there is one. */
export async function saveShot(page: Page, name: string): Promise<void> {
  const folder = await shotsFolder();
  if (folder) await page.screenshot({ path: join(folder, `${name}.png`) });
}
