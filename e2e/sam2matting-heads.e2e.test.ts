/**
 * The paper's pipeline end to end in Chromium on the twins: SAM 2.1 (../shared/sam2-twin) and the
 * SAM2Matting heads (../shared/sam2matting-heads-twin, accepting their non-commercial licence) installed
 * through the Models panel, the twin's clip1024 sequence clicked and tracked over three frames,
 * "SAM2Matting (paper)" chosen in the Matte panel, the viewer's alpha view showing the heads' soft alpha,
 * and a ProRes 4444 export whose alpha ffprobe finds and whose frames hold that alpha. The twins have
 * random weights: the alpha is a meaningless, nearly even grey (about 0.52); what is checked is the wiring.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeExport, readAlphaFrames } from '../src/main/media/describe-export';
import { repoRoot, sharedDataProblem, sharedFile } from '../src/testing/paths';
import { importModelInPanel, openClip, screenPoint, startStudioPage, waitForAttr as waitForAttrOf, type StudioPage } from './studio-page';

const twin = (...parts: string[]) => sharedFile('sam2-twin', ...parts);
const HEADS_TWIN = sharedFile('sam2matting-heads-twin', 'sam2matting_twin.pt');
const SHOTS = join(repoRoot, 'out');
const OUT_POINT = 2;
let studio: StudioPage;
let page: Page;

beforeAll(async () => {
  studio = await startStudioPage('sam2m-e2e-heads-', { width: 1400, height: 900 });
  page = studio.page;
});

afterAll(async () => {
  await studio?.close();
});

const waitForAttr = (testId: string, name: string, value: string, timeout = 120_000) => waitForAttrOf(page, testId, name, value, timeout);

const modelRow = (id: string) => page.locator(`[data-testid="model-row"][data-model-id="${id}"]`);

const importModel = (id: string, path: string) => importModelInPanel(page, id, path);

/** Grey levels the viewer draws over a grid of image pixels (the alpha view draws alpha as grey). */
async function viewerGreys(size: number, step: number): Promise<number[]> {
  const points: Array<{ x: number; y: number }> = [];
  for (let y = step / 2; y < size; y += step) for (let x = step / 2; x < size; x += step) points.push(await screenPoint(page, x, y));
  return page.evaluate((at) => {
    const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="viewer"] canvas')!;
    const rect = canvas.getBoundingClientRect();
    const ratio = canvas.width / rect.width;
    const ctx = canvas.getContext('2d')!;
    return at.map(({ x, y }) => ctx.getImageData(Math.floor((x - rect.left) * ratio), Math.floor((y - rect.top) * ratio), 1, 1).data[0]);
  }, points);
}

describe.skipIf(sharedDataProblem() !== null)('SAM2Matting (paper) in Chromium on the twins', () => {
  it('installs SAM 2.1 and the heads (licence accepted), tracks, shows the heads alpha and exports it as ProRes with alpha', async () => {
    await page.goto(studio.host.url);
    await page.getByTestId('models-button').click();
    await importModel('sam2.1-hiera-tiny', twin('slim'));

    // The heads' licence restricts use: shown, and accepted before anything is fetched or imported.
    const heads = modelRow('sam2matting-sam2.1-tiny');
    await expect.poll(() => heads.getByTestId('model-licence').textContent()).toBe('CC BY-NC 4.0 · non-commercial use only');
    expect(await heads.getByTestId('model-download').isDisabled()).toBe(true);
    expect(await heads.getByTestId('model-import-toggle').isDisabled()).toBe(true);
    await heads.getByTestId('model-licence-accept').check();
    await page.screenshot({ path: join(SHOTS, 'e2e-heads-licence.png') });
    await importModel('sam2matting-sam2.1-tiny', HEADS_TWIN);
    await page.getByRole('button', { name: 'Close models' }).click();

    await openClip(page, twin('clip1024', '00000.png'));
    await expect.poll(() => page.getByTestId('engine-info').textContent()).toMatch(/Tracker SAM 2\.1 Tiny/);

    // The twin's own first click (its reference step 1), then three frames up to the out point.
    await page.getByTestId('tool-point').click();
    const click = await screenPoint(page, 224.0, 663.7037037037037);
    await page.mouse.click(click.x, click.y);
    await waitForAttr('viewer', 'data-mask-frame', '0');
    await page.getByTestId('frame-slider').fill(String(OUT_POINT));
    await waitForAttr('viewer', 'data-frame', String(OUT_POINT));
    await page.getByTestId('viewer').focus();
    await page.keyboard.press('o');
    await expect.poll(() => page.getByTestId('out-marker').getAttribute('data-frame')).toBe(String(OUT_POINT));
    await page.getByTestId('propagate-direction').selectOption('forward');
    await page.getByTestId('propagate-button').click();
    await page.getByTestId('propagate-button').and(page.locator(':enabled')).waitFor({ timeout: 300_000 });
    await expect.poll(() => page.getByTestId('propagate-status').textContent(), { timeout: 30_000 }).toBe('Tracking finished');

    // The Matte panel offers the paper's head with its licence, available on this clip.
    const option = page.getByTestId('matting-head').locator('option[value="sam2matting"]');
    expect(await option.textContent()).toBe('SAM2Matting (paper) — CC BY-NC 4.0, non-commercial use only');
    expect(await option.isDisabled()).toBe(false);
    await page.getByTestId('matting-head').selectOption('sam2matting');
    await expect.poll(() => page.getByTestId('matting-head').inputValue()).toBe('sam2matting');
    // The status bar: the paper's bridge, and the chosen head until a matte is on screen.
    await expect.poll(() => page.getByTestId('engine-info').textContent()).toMatch(/Bridge SAM2Matting ROI detector \(paper\)/);
    await expect.poll(() => page.getByTestId('matting-info').textContent()).toBe('SAM2Matting (paper) — CC BY-NC 4.0, non-commercial use only · preview');

    await page.getByTestId('frame-slider').fill('1');
    await waitForAttr('viewer', 'data-frame', '1');
    await page.getByTestId('preview-mode').selectOption('alpha');
    await waitForAttr('viewer', 'data-preview-mode', 'alpha', 180_000);
    expect(await page.getByTestId('error-banner').count()).toBe(0);
    // What made the matte on screen: the paper's head, at its one quality, matted at 512² and scaled to the frame.
    await expect
      .poll(() => page.locator('.engine-matting').getAttribute('title'))
      .toBe('The matte on screen: SAM2Matting (paper): SAM2Matting (SAM 2.1 Tiny), preview quality, matted at 512×512 and scaled to 1024×1024.');
    // Not the tracker's binary mask: the heads' alpha, soft everywhere (random weights: an even grey).
    const greys = await viewerGreys(1024, 64);
    const soft = greys.filter((g) => g > 8 && g < 247).length / greys.length;
    expect(soft).toBeGreaterThan(0.9);
    await page.screenshot({ path: join(SHOTS, 'e2e-heads-alpha.png') });

    const outPath = join(studio.dir, 'export', 'heads.mov');
    await page.getByTestId('export-button').click();
    await page.getByTestId('export-format').selectOption('prores4444');
    await page.getByTestId('export-path').fill(outPath);
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 300_000 }).toMatch(new RegExp(`Exported ${OUT_POINT + 1} frames`));
    await page.screenshot({ path: join(SHOTS, 'e2e-heads-export.png') });

    const facts = await describeExport(outPath);
    expect(facts).toMatchObject({ codec: 'prores', width: 1024, height: 1024, frameCount: OUT_POINT + 1 });
    expect(facts.pixelFormat).toMatch(/^yuva444p1[02]le$/);
    const alphas = await readAlphaFrames(outPath, 1024, 1024);
    for (const alpha of alphas) expect(alpha.data.filter((v) => v > 8 && v < 247).length / alpha.data.length).toBeGreaterThan(0.9);
    // Frame 1 of the file holds what the viewer showed for it (ProRes keeps alpha within a level or two).
    const exported: number[] = [];
    for (let y = 32; y < 1024; y += 64) for (let x = 32; x < 1024; x += 64) exported.push(alphas[1].data[y * 1024 + x]);
    expect(Math.max(...exported.map((v, i) => Math.abs(v - greys[i])))).toBeLessThanOrEqual(4);
  }, 1_200_000);
});
