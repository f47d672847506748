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
