/**
 * One Studio for an e2e file: a temp folder, the browser host over a fresh StudioService, and a
 * Chromium page; plus the viewer geometry every file needs to click image pixels.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
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
