/**
 * The matte controls in Chromium (issue 14, item 6): growing an object's matte by 4 px grows the
 * matte the viewer shows and the matte an export writes alike, the viewer and the status bar name the
 * head and quality that made it, undo takes the change back, and the A/B view shows where final and
 * preview differ inside the band.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, demoCentre, writeDemoClip } from '../src/cli/demo-clip';
import type { RunningHost } from '../src/host/server';
import { readImageGray } from '../src/main/media/image-file';
import { repoRoot } from '../src/testing/paths';
import { screenPoint, startStudioPage, type StudioPage } from './studio-page';

let studio: StudioPage;
let dir: string;
let host: RunningHost;
let page: Page;
let clip: string;

/** Pixels of the viewer's canvas at half grey or brighter: in the alpha view, the matte's area on screen. */
function shownMattePixels(): Promise<number> {
  return page.evaluate(() => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="viewer"] canvas')!;
    const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    let count = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] >= 128 && data[i + 1] >= 128 && data[i + 2] >= 128) count++;
    return count;
  });
}

/** Exports frame 0 as a matte pass into a new folder; the pixels of its file at half or more. */
async function exportedMattePixels(folder: string): Promise<number> {
  const outDir = join(dir, folder);
  await page.getByTestId('export-format').selectOption('matte');
  await page.getByTestId('export-path').fill(outDir);
  await page.getByTestId('export-range-start').fill('0');
  await page.getByTestId('export-range-end').fill('0');
  await page.getByTestId('export-start').click();
  await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 60_000 }).toContain(`Exported 1 frames to ${outDir}`);
  const [file] = await readdir(outDir);
  return (await readImageGray(join(outDir, file))).data.filter((v) => v >= 128).length;
}

async function waitForAttr(testId: string, name: string, value: string): Promise<void> {
  await page.waitForSelector(`[data-testid="${testId}"][${name}="${value}"]`, { timeout: 60_000 });
}

beforeAll(async () => {
  studio = await startStudioPage('sam2m-matte-', { width: 1280, height: 800 });
  ({ dir, host, page } = studio);
  clip = await writeDemoClip(join(dir, 'shot.mp4'));
});

afterAll(async () => {
  await studio?.close();
});

describe('the matte controls in Chromium', () => {
  it('grows the shown matte and the exported one alike, names what made it, and undoes the change', async () => {
    await page.goto(host.url);
    await page.getByTestId('open-path').fill(clip);
    await page.getByTestId('open-button').click();
    await waitForAttr('viewer', 'data-frame', '0');
    await page.getByTestId('tool-point').click();
    const c = demoCentre(0);
    const at = await screenPoint(page, c.x, c.y);
    await page.mouse.click(at.x, at.y);
    await waitForAttr('viewer', 'data-mask-frame', '0');

    await page.getByTestId('preview-mode').selectOption('alpha');
    await waitForAttr('viewer', 'data-preview-mode', 'alpha');
    // The matte on screen names its head and quality, on the viewer and in the status bar.
    await expect.poll(() => page.getByTestId('matte-badge').textContent()).toBe('Matte: Guided filter (built-in, fast) · preview');
    await expect.poll(() => page.getByTestId('matting-info').textContent()).toBe('Guided filter (built-in, fast) · preview');
    const plainShown = await shownMattePixels();
    await page.getByTestId('export-button').click();
    const plainFile = await exportedMattePixels('plain');

    await page.getByTestId('grow').fill('4');
    await page.getByTestId('grow').blur();
    await expect.poll(() => page.getByTestId('matte-controls').textContent()).toContain('+4 px');
    await expect.poll(() => page.getByTestId('undo-button').getAttribute('title')).toBe('Undo Set shrink / grow of Object 1 to +4 px (Ctrl+Z)');
    await expect.poll(shownMattePixels).toBeGreaterThan(plainShown * 1.05);
    const grownShown = await shownMattePixels();
    await page.screenshot({ path: join(repoRoot, 'out/matte-grown.png') });
    const grownFile = await exportedMattePixels('grown');
    // The disc (radius 56) grown by 4 px: about 2π · 58 · 4 more pixels, in the file and, scaled, on screen.
    const expected = 2 * Math.PI * (DEMO.radius + 2) * 4;
    expect(grownFile - plainFile).toBeGreaterThan(0.85 * expected);
    expect(grownFile - plainFile).toBeLessThan(1.15 * expected);
    expect(grownShown / plainShown).toBeCloseTo(grownFile / plainFile, 1);

    // Final quality: the badge follows the project's choice; the closed-form head says its name.
    await page.getByTestId('matting-head').selectOption('closed-form');
    await page.getByTestId('quality-final').click();
    await expect.poll(() => page.getByTestId('matting-info').textContent()).toBe('Closed-form matting (built-in, exact final) · final');

    // Undo the quality and the head: the panel and the badge follow the project back.
    await page.getByTestId('undo-button').click();
    await expect.poll(() => page.getByTestId('quality-preview').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('matte-badge').textContent()).toBe('Matte: Closed-form matting (built-in, exact final) · preview');
    await page.getByTestId('undo-button').click();
    await expect.poll(() => page.getByTestId('matting-head').inputValue()).toBe('guided-filter');
    // And the growth: the matte on screen is as it was.
    await page.getByTestId('undo-button').click();
    await expect.poll(() => page.getByTestId('matte-controls').textContent()).toContain('Shrink / grow0 px');
    await expect.poll(shownMattePixels).toBe(plainShown);
  });

  it('shows where final differs from preview inside the band in the A/B view', async () => {
    await page.getByTestId('preview-mode').selectOption('compare');
    await waitForAttr('viewer', 'data-preview-mode', 'compare');
    const difference = page.getByTestId('band-difference');
    await difference.waitFor({ timeout: 60_000 });
    expect(Number(await difference.getAttribute('data-changed'))).toBeGreaterThan(0);
    await expect(difference.textContent()).resolves.toMatch(/final ≠ preview on \d+ of \d+ band px/);
    await page.screenshot({ path: join(repoRoot, 'out/matte-compare-difference.png') });
  });
});
