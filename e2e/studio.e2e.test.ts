/**
 * The main job through the UI in real Chromium: open a clip through the browser host, click the
 * object, propagate, export ProRes 4444, and check the file's format and that its alpha follows the object.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, demoAlpha, demoCentre, writeDemoClip } from '../src/cli/demo-clip';
import type { RunningHost } from '../src/host/server';
import { meanIoU } from '../src/main/imaging/iou';
import { describeExport, readAlphaFrames } from '../src/main/media/describe-export';
import { repoRoot } from '../src/testing/paths';
import { screenPoint as screenPointOf, startStudioPage, type StudioPage } from './studio-page';

let studio: StudioPage;
let dir: string;
let host: RunningHost;
let page: Page;

let clip: string;

const screenPoint = (x: number, y: number) => screenPointOf(page, x, y);

async function waitForAttr(testId: string, name: string, value: string, timeout = 60_000): Promise<void> {
  await page.waitForSelector(`[data-testid="${testId}"][${name}="${value}"]`, { timeout });
}

beforeAll(async () => {
  studio = await startStudioPage('sam2m-e2e-', { width: 1400, height: 900 });
  ({ dir, host, page } = studio);
  clip = await writeDemoClip(join(dir, 'demo clip.mp4'));
});

afterAll(async () => {
  await studio?.close();
});

describe('the Studio in Chromium through the browser host', () => {
  it('refuses a client without the token', async () => {
    const response = await fetch(host.url.replace(/\?token=.*/, ''));
    expect(response.status).toBe(403);
  });

  it('opens a clip, tracks a clicked object, and exports ProRes 4444 whose alpha follows it', async () => {
    await page.goto(host.url);
    await page.getByTestId('open-path').fill(clip);
    await page.getByTestId('open-button').click();
    await waitForAttr('viewer', 'data-frame', '0');
    await expect.poll(() => page.getByTestId('engine-info').textContent()).toMatch(/classic/i);

    await page.getByTestId('tool-point').click();
    const start = demoCentre(0);
    const at = await screenPoint(start.x, start.y);
    await page.mouse.click(at.x, at.y);
    await waitForAttr('viewer', 'data-mask-frame', '0');
    await expect.poll(() => page.getByTestId('keyframe-marker').count()).toBe(1);

    await page.getByTestId('propagate-direction').selectOption('both');
    await page.getByTestId('propagate-button').click();
    await page
      .getByTestId('job-progress')
      .waitFor({ state: 'visible' })
      .catch(() => {});
    await page.getByTestId('propagate-button').and(page.locator(':enabled')).waitFor({ timeout: 120_000 });

    // The last frame shows a mask where the object went.
    await page.getByTestId('frame-slider').fill(String(DEMO.frames - 1));
    await waitForAttr('viewer', 'data-mask-frame', String(DEMO.frames - 1));
    await page.screenshot({ path: join(repoRoot, 'out/e2e-tracked.png') });

    const outPath = join(dir, 'export', 'shot 01.mov');
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-format').selectOption('prores4444');
    await page.getByTestId('export-path').fill(outPath);
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 180_000 }).toMatch(new RegExp(`Exported ${DEMO.frames} frames`));

    const facts = await describeExport(outPath);
    expect(facts).toMatchObject({
      codec: 'prores',
      width: DEMO.width,
      height: DEMO.height,
      fps: DEMO.fps,
      frameCount: DEMO.frames,
      timecode: DEMO.timecode,
      audioCodec: 'aac',
    });
    expect(facts.profile).toMatch(/4444/);
    // Written as 10-bit 4444 with alpha; ffprobe reports ProRes 4444 streams as 12-bit.
    expect(facts.pixelFormat).toMatch(/^yuva444p1[02]le$/);
    const alphas = await readAlphaFrames(outPath, DEMO.width, DEMO.height);
    const truth = alphas.map((_, f) => demoAlpha(f));
    expect(meanIoU(alphas, truth)).toBeGreaterThan(0.85);
  });
});
