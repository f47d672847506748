/**
 * The editor's whole workflow in Chromium through the browser host (issue 6, item 8): open the clip,
 * prompt two objects, undo and redo, propagate, correct a propagated frame, save the project, reload
 * the page and take the work up again (recovery banner, then Open project), and export one file per
 * object whose alpha is checked with ffprobe and decoded frames. Also (issue 14): objects coloured away
 * from their subject, drawn as outline / fill at an opacity, exclusive objects, saves and exports that
 * default to a work folder, a question before unsaved work is replaced, and the model download offered
 * where the classic fallback is named (a stand-in SAM 2.1 Tiny served from a local server).
 */
import { mkdir, readFile, readdir, rename } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, demoAlpha, demoCentre, writeDemoClip } from '../src/cli/demo-clip';
import type { RunningHost } from '../src/host/server';
import { startFileServer, type FileServer } from '../src/main/models/testing/file-server';
import { tinyFiles, tinyManifest, tinyModel, writeManifest } from '../src/main/models/testing/tiny-model';
import { meanIoU } from '../src/main/imaging/iou';
import { describeExport, readAlphaFrames } from '../src/main/media/describe-export';
import { repoRoot } from '../src/testing/paths';
import { screenPoint as screenPointOf, startStudioPage, type StudioPage } from './studio-page';

let studio: StudioPage;
let dir: string;
let host: RunningHost;
let page: Page;

let clip: string;
let files: FileServer;
/** Where saves and exports go by default (the service's work folder). */
let work: string;

/** A corner of background the disc never reaches: the second object. */
const CORNER = { x0: 560, y0: 12, x1: 628, y1: 84 };
const CORNER_PROBE = { x: 594, y: 48 };
const CORRECTED_FRAME = 30;
const SHOTS = join(repoRoot, 'out');

const screenPoint = (x: number, y: number) => screenPointOf(page, x, y);

/** The colour the viewer draws at an image pixel (frame and overlay, as the editor sees them). */
async function viewerPixel(x: number, y: number): Promise<[number, number, number]> {
  const at = await screenPoint(x, y);
  return page.evaluate(
    ({ px, py }) => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="viewer"] canvas')!;
      const rect = canvas.getBoundingClientRect();
      const ratio = canvas.width / rect.width;
      const d = canvas.getContext('2d')!.getImageData(Math.round((px - rect.left) * ratio), Math.round((py - rect.top) * ratio), 1, 1).data;
      return [d[0], d[1], d[2]] as [number, number, number];
    },
    { px: at.x, py: at.y },
  );
}

const distance = (a: readonly number[], b: readonly number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

/** Degrees between a #rrggbb colour's hue and the given one. */
function hueGap(hex: string, degrees: number): number {
  const [r, g, b] = rgbOf(hex);
  const max = Math.max(r, g, b);
  const d = max - Math.min(r, g, b);
  const hue = ((max === r ? (g - b) / d : max === g ? (b - r) / d + 2 : (r - g) / d + 4) * 60 + 360) % 360;
  return Math.min(Math.abs(hue - degrees), 360 - Math.abs(hue - degrees));
}

async function waitForAttr(testId: string, name: string, value: string, timeout = 60_000): Promise<void> {
  await page.waitForSelector(`[data-testid="${testId}"][${name}="${value}"]`, { timeout });
}

/** Waits until the viewer shows frame f with its masks loaded after the latest change. */
async function showFrame(f: number): Promise<void> {
  await page.getByTestId('frame-slider').fill(String(f));
  await waitForAttr('viewer', 'data-mask-frame', String(f));
}

const keyframes = () => page.getByTestId('keyframe-marker').count();
const objectNames = () => page.getByTestId('object-name').allTextContents();
const objectRow = (name: string) => page.getByTestId('object-item').filter({ hasText: name });

async function waitForPropagation(): Promise<void> {
  await page
    .getByTestId('job-progress')
    .waitFor({ state: 'visible' })
    .catch(() => {});
  await page.getByTestId('propagate-button').and(page.locator(':enabled')).waitFor({ timeout: 120_000 });
  await expect.poll(() => page.getByTestId('propagate-status').textContent()).toBe('Tracking finished');
}

async function renameObject(from: string, to: string): Promise<void> {
  await objectRow(from).getByTestId('object-name').dblclick();
  await page.getByTestId('object-rename').fill(to);
  await page.getByTestId('object-rename').press('Enter');
  await expect.poll(objectNames).toContain(to);
}

beforeAll(async () => {
  // The manifest lists a stand-in for SAM 2.1 Tiny (two small generated graphs) that the local server hands out.
  files = await startFileServer();
  const tracker = { ...tinyModel(files.baseUrl, 'sam2.1-hiera-tiny'), family: 'sam2-tracker' as const, title: 'SAM 2.1 Tiny', licence: 'Apache-2.0' };
  files.files = tinyFiles(tracker);
  studio = await startStudioPage('sam2m-workflow-', { width: 1280, height: 800 }, async (d) => ({
    modelsDir: join(d, 'models'),
    autosaveDir: join(d, 'autosave'),
    workDir: join(d, 'work'),
    manifestPath: await writeManifest(tinyManifest(files.baseUrl, tracker), join(d, 'manifest.json')),
  }));
  ({ dir, host, page } = studio);
  work = join(dir, 'work');
  clip = await writeDemoClip(join(dir, 'shot.mp4'));
});

afterAll(async () => {
  await studio?.close();
  await files?.close();
});

describe('the editing workflow in Chromium', () => {
  it('prompts two objects, and undo and redo take a prompt back and forth', async () => {
    await page.goto(host.url);
    await expect.poll(() => page.title()).toBe('SAM2Matting Studio');
    await page.getByTestId('open-path').fill(clip);
    await page.getByTestId('open-button').click();
    await waitForAttr('viewer', 'data-frame', '0');
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe('shot.mp4 (not saved)');

    // Object 1: the disc, one click.
    await renameObject('Object 1', 'Disc');
    await page.getByTestId('tool-point').click();
    const c0 = demoCentre(0);
    const at = await screenPoint(c0.x, c0.y);
    await page.mouse.click(at.x, at.y);
    await waitForAttr('viewer', 'data-mask-frame', '0');
    await expect.poll(keyframes).toBe(1);
    await expect.poll(() => page.title()).toBe('● shot.mp4 (not saved) — SAM2Matting Studio');
    // The disc is red and orange, as the first object's automatic coral was: its first prompt gave it a hue across the wheel.
    await expect.poll(async () => hueGap(await objectRow('Disc').getByTestId('object-color').inputValue(), 20)).toBeGreaterThan(150);

    // Where the status bar names the classic fallback, it offers the model that ends it.
    await expect.poll(() => page.getByTestId('engine-info').textContent()).toMatch(/Fallback: no SAM 2\.1 model installed/);
    expect(await page.getByTestId('fallback-download').textContent()).toBe('Get SAM 2.1 Tiny (about 310 MB, Apache-2.0)');

    // A second object: a box around a corner of background, selected as it is created.
    const plain = await viewerPixel(CORNER_PROBE.x, CORNER_PROBE.y);
    await page.getByTestId('add-object').click();
    await expect.poll(objectNames).toEqual(['Disc', 'Object 1']);
    await expect.poll(() => objectRow('Object 1').getAttribute('aria-selected')).toBe('true');
    await page.getByTestId('tool-box').click();
    const from = await screenPoint(CORNER.x0, CORNER.y0);
    const to = await screenPoint(CORNER.x1, CORNER.y1);
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move(to.x, to.y, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => viewerPixel(CORNER_PROBE.x, CORNER_PROBE.y).then((p) => distance(p, plain))).toBeGreaterThan(30);
    const tinted = await viewerPixel(CORNER_PROBE.x, CORNER_PROBE.y);
    await page.screenshot({ path: join(SHOTS, 'workflow-two-objects.png') });

    // Undo names the step it takes back; the box's mask goes, and redo brings it again.
    // The history label follows the edit's reply: poll rather than read once.
    await expect.poll(() => page.getByTestId('undo-button').getAttribute('title')).toMatch(/^Undo .*frame 0 \(Ctrl\+Z\)$/);
    await page.getByTestId('viewer').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => viewerPixel(CORNER_PROBE.x, CORNER_PROBE.y).then((p) => distance(p, plain))).toBeLessThan(4);
    await expect.poll(() => page.getByTestId('redo-button').getAttribute('title')).toMatch(/^Redo .*frame 0/);
    await page.getByTestId('redo-button').click();
    await expect.poll(() => viewerPixel(CORNER_PROBE.x, CORNER_PROBE.y).then((p) => distance(p, tinted))).toBeLessThan(4);
    await expect.poll(keyframes).toBe(1);
  });

  it('propagates both objects, then corrects a propagated frame, with undo and redo of the correction', async () => {
    await page.getByTestId('propagate-direction').selectOption('forward');
    await page.getByTestId('propagate-button').click();
    await waitForPropagation();
    await expect
      .poll(() =>
        page
          .getByTestId('tracked-lanes')
          .locator('[data-tracked-count]')
          .evaluateAll((lanes) => lanes.map((l) => l.getAttribute('data-tracked-count'))),
      )
      .toEqual([String(DEMO.frames), String(DEMO.frames)]);

    // The correction: a click on the disc of a propagated frame, with the disc selected.
    await objectRow('Disc').click();
    await showFrame(CORRECTED_FRAME);
    await page.getByTestId('tool-point').click();
    const c = demoCentre(CORRECTED_FRAME);
    const at = await screenPoint(c.x, c.y);
    await page.mouse.click(at.x, at.y);
    await expect.poll(keyframes).toBe(2);
    await expect.poll(() => page.getByTestId('undo-button').getAttribute('title')).toBe(`Undo Add point on frame ${CORRECTED_FRAME} (Ctrl+Z)`);

    // Undo from another frame jumps back to the step's frame.
    await page.getByTestId('frame-slider').fill('5');
    await page.getByTestId('undo-button').click();
    await expect.poll(keyframes).toBe(1);
    await expect.poll(() => page.getByTestId('frame-number').textContent()).toBe(String(CORRECTED_FRAME));
    await page.keyboard.press('Control+Shift+Z');
    await expect.poll(keyframes).toBe(2);
    await waitForAttr('viewer', 'data-mask-frame', String(CORRECTED_FRAME));

    // Tracking again carries the correction on.
    await page.getByTestId('propagate-button').click();
    await waitForPropagation();
    await showFrame(CORRECTED_FRAME);
    await page.screenshot({ path: join(SHOTS, 'workflow-corrected.png') });
  });

  it('hides, solos and locks objects: hidden ones are not drawn, locked ones take no prompts', async () => {
    await showFrame(0);
    const tinted = await viewerPixel(CORNER_PROBE.x, CORNER_PROBE.y);
    const cornerDistance = () => viewerPixel(CORNER_PROBE.x, CORNER_PROBE.y).then((p) => distance(p, tinted));
    await objectRow('Object 1').getByTestId('object-visible').click();
    await expect.poll(() => objectRow('Object 1').getAttribute('data-hidden')).toBe('true');
    await expect.poll(cornerDistance).toBeGreaterThan(30);
    await objectRow('Object 1').getByTestId('object-visible').click();
    await expect.poll(cornerDistance).toBeLessThan(4);

    await objectRow('Disc').getByTestId('object-solo').click();
    await expect.poll(cornerDistance).toBeGreaterThan(30);
    await objectRow('Disc').getByTestId('object-solo').click();
    await expect.poll(cornerDistance).toBeLessThan(4);

    await objectRow('Disc').click();
    await objectRow('Disc').getByTestId('object-lock').click();
    await expect.poll(() => page.getByTestId('viewer-notice').textContent()).toMatch(/Disc is locked/);
    await expect.poll(() => page.getByTestId('tool-point').isDisabled()).toBe(true);
    await page.screenshot({ path: join(SHOTS, 'workflow-locked.png') });
    await objectRow('Disc').getByTestId('object-lock').click();
    await expect.poll(() => page.getByTestId('tool-point').isEnabled()).toBe(true);

    // A new colour tints the object's mask in it.
    await objectRow('Object 1').getByTestId('object-color').fill('#0000ff');
    await expect.poll(() => viewerPixel(CORNER_PROBE.x, CORNER_PROBE.y).then((p) => p[2] - tinted[2])).toBeGreaterThan(20);

    // Removing an object is one undo step away from coming back, prompts and all.
    await objectRow('Object 1').getByTestId('object-remove').click();
    await expect.poll(objectNames).toEqual(['Disc']);
    await expect.poll(keyframes).toBe(2);
    await page.getByTestId('undo-button').click();
    await expect.poll(objectNames).toEqual(['Disc', 'Object 1']);
    await expect.poll(() => objectRow('Object 1').getByTestId('object-color').inputValue()).toBe('#0000ff');
    await expect(page.getByTestId('error-banner').count()).resolves.toBe(0);
  });

  it('draws an object as outline, fill or both at its opacity, undoably; exclusive objects are a switch', async () => {
    await showFrame(0);
    const c = demoCentre(0);
    await objectRow('Disc').click();
    // The frame as it is, with the disc hidden; then both outline and tint (the default) on it.
    const tinted = await viewerPixel(c.x, c.y);
    await objectRow('Disc').getByTestId('object-visible').click();
    await expect.poll(() => viewerPixel(c.x, c.y).then((p) => distance(p, tinted))).toBeGreaterThan(30);
    const plain = await viewerPixel(c.x, c.y);
    const plainEdge = await Promise.all(Array.from({ length: 16 }, (_, k) => viewerPixel(c.x + DEMO.radius - 8 + k, c.y)));
    await objectRow('Disc').getByTestId('object-visible').click();
    await expect.poll(() => viewerPixel(c.x, c.y).then((p) => distance(p, tinted))).toBeLessThan(4);
    /** The most any pixel across the disc's right edge differs from the frame. */
    const edgeChange = async () => Math.max(...(await Promise.all(plainEdge.map((p, k) => viewerPixel(c.x + DEMO.radius - 8 + k, c.y).then((q) => distance(p, q))))));

    // Outline: the subject shows through, its edge is drawn.
    await page.getByTestId('object-overlay-outline').click();
    await expect.poll(() => viewerPixel(c.x, c.y).then((p) => distance(p, plain))).toBeLessThan(4);
    expect(await edgeChange()).toBeGreaterThan(60);
    await page.screenshot({ path: join(SHOTS, 'workflow-outline.png') });

    // Fill at full opacity: the inside takes the object's colour.
    await page.getByTestId('object-overlay-fill').click();
    await page.getByTestId('object-opacity').fill('100');
    const colour = rgbOf(await objectRow('Disc').getByTestId('object-color').inputValue());
    await expect.poll(() => viewerPixel(c.x, c.y).then((p) => distance(p, colour))).toBeLessThan(12);
    await expect.poll(() => page.getByTestId('undo-button').getAttribute('title')).toBe('Undo Set overlay opacity of Disc to 100% (Ctrl+Z)');
    await page.screenshot({ path: join(SHOTS, 'workflow-fill.png') });

    // Undo steps back through opacity and mode, to both at half strength.
    await page.getByTestId('undo-button').click();
    await page.getByTestId('undo-button').click();
    await page.getByTestId('undo-button').click();
    await expect.poll(() => page.getByTestId('object-overlay-both').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('object-opacity').inputValue()).toBe('50');

    // Exclusive objects: a project setting, undoable like any other.
    await page.getByTestId('objects-exclusive').click();
    await expect.poll(() => page.getByTestId('objects-exclusive').getAttribute('aria-pressed')).toBe('true');
    await expect.poll(() => page.getByTestId('undo-button').getAttribute('title')).toBe('Undo Give each pixel to one object (Ctrl+Z)');
    await page.getByTestId('undo-button').click();
    await expect.poll(() => page.getByTestId('objects-exclusive').getAttribute('aria-pressed')).toBe('false');
    await expect(page.getByTestId('error-banner').count()).resolves.toBe(0);
  });

  it('shows the trimap band, the A/B wipe of mask and matte, and the onion skin', async () => {
    const f = 10;
    const c = demoCentre(f);
    const background = { x: 30, y: 330 };
    await showFrame(f);
    const frameBackground = await viewerPixel(background.x, background.y);

    await page.getByTestId('preview-mode').selectOption('trimap');
    await waitForAttr('viewer', 'data-preview-mode', 'trimap');
    // The unknown band on the disc's contour is amber; the background is dimmed.
    const [r, , b] = await viewerPixel(c.x + DEMO.radius, c.y);
    expect(r - b).toBeGreaterThan(40);
    const dimmed = await viewerPixel(background.x, background.y);
    expect(dimmed[0] + dimmed[1] + dimmed[2]).toBeLessThan((frameBackground[0] + frameBackground[1] + frameBackground[2]) / 2);
    await page.screenshot({ path: join(SHOTS, 'workflow-trimap.png') });

    await page.getByTestId('preview-mode').selectOption('compare');
    await waitForAttr('viewer', 'data-preview-mode', 'compare');
    await page.getByTestId('compare-labels').waitFor();
    // Both sides lay the object over a checkerboard: grey background, the disc in its colours.
    const [gr, gg, gb] = await viewerPixel(background.x, background.y);
    expect(Math.max(Math.abs(gr - gg), Math.abs(gg - gb))).toBeLessThan(3);
    const disc = await viewerPixel(c.x, c.y);
    expect(disc[0] - disc[2]).toBeGreaterThan(60);
    await page.getByTestId('compare-split').fill('0.3');
    await page.screenshot({ path: join(SHOTS, 'workflow-compare.png') });

    await page.getByTestId('preview-mode').selectOption('overlay');
    await page.getByTestId('onion-skin').click();
    await waitForAttr('viewer', 'data-onion', 'shown');
    await page.screenshot({ path: join(SHOTS, 'workflow-onion.png') });
    await showFrame(0);
    await waitForAttr('viewer', 'data-onion', 'none');
    await page.getByTestId('onion-skin').click();
  });

  it('saves the project with Ctrl+S, asking for a file the first time, in the work folder rather than beside the clip', async () => {
    const projectPath = join(work, 'shot.sam2m.json');
    // The matting choice travels with the project.
    await page.getByTestId('quality-final').click();
    await expect.poll(() => page.getByTestId('quality-final').getAttribute('aria-pressed')).toBe('true');
    await page.getByTestId('temporal-stability').focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(() => page.getByTestId('matting-panel').textContent()).toContain('0.05');
    await page.getByTestId('viewer').focus();
    await page.keyboard.press('Control+s');
    await expect(page.getByTestId('save-dialog-path').inputValue()).resolves.toBe(projectPath);
    // A place that cannot hold a file: the dialog says why and stays open.
    await page.getByTestId('save-dialog-path').fill(join(clip, 'inside a file.sam2m.json'));
    await page.getByTestId('save-dialog-confirm').click();
    await page.getByTestId('save-dialog-error').waitFor();
    await page.screenshot({ path: join(SHOTS, 'workflow-save-dialog.png') });
    await page.getByTestId('save-dialog-path').fill(projectPath);
    await page.getByTestId('save-dialog-confirm').click();
    await expect.poll(() => page.getByTestId('save-dialog').count()).toBe(0);
    await expect.poll(() => page.getByTestId('project-name').getAttribute('data-dirty')).toBe('false');
    await expect.poll(() => page.title()).toBe('shot — SAM2Matting Studio');
    // The work folder did not exist; the save made it.
    const saved = await readFile(projectPath, 'utf8');
    expect(saved).toContain('"Disc"');
    expect(saved).toMatch(/"quality":\s*"final"/);
    expect(saved).toMatch(/"temporalStability":\s*0\.05/);
    expect(saved).toContain('"Object 1"');

    // An edit after the save shows the unsaved dot again.
    await renameObject('Object 1', 'Corner');
    await expect.poll(() => page.getByTestId('project-name').getAttribute('data-dirty')).toBe('true');
  });

  it('after a page reload, restores the unsaved work from the recovery banner', async () => {
    await page.reload();
    await page.getByTestId('recovery-banner').waitFor();
    await expect(page.getByTestId('recovery-item').first().textContent()).resolves.toMatch(/shot/);
    await page.screenshot({ path: join(SHOTS, 'workflow-recovery.png') });
    await page.getByTestId('recovery-restore').first().click();
    await waitForAttr('viewer', 'data-frame', '0');
    await expect.poll(objectNames).toEqual(['Disc', 'Corner']);
    await expect.poll(keyframes).toBe(2);
    await expect(page.getByTestId('recovery-banner').count()).resolves.toBe(0);
    await waitForAttr('viewer', 'data-mask-frame', '0');
  });

  it('opens the saved project with Ctrl+O, picked in the host file browser, as it was saved', async () => {
    await page.getByTestId('viewer').focus();
    await page.keyboard.press('Control+o');
    const entries = page.getByTestId('open-project-dialog').getByTestId('browser-entry');
    await expect.poll(() => entries.allTextContents()).toContain('shot.sam2m.json');
    // Only project files: the clip beside it is not offered.
    expect(await entries.allTextContents()).not.toContain('shot.mp4');
    await entries.filter({ hasText: /^shot\.sam2m\.json$/ }).click();
    // The restored work is not saved: the editor is asked first, and can stay.
    await expect
      .poll(() => page.getByTestId('unsaved-message').textContent())
      .toBe(`shot.sam2m.json has changes that are not saved. Open the project ${join(work, 'shot.sam2m.json')} anyway?`);
    await page.screenshot({ path: join(SHOTS, 'workflow-unsaved.png') });
    await page.getByTestId('unsaved-cancel').click();
    await expect.poll(() => page.getByTestId('unsaved-dialog').count()).toBe(0);
    expect(await objectNames()).toEqual(['Disc', 'Corner']);
    await page.getByTestId('open-project-dialog-confirm').click();
    await page.getByTestId('unsaved-open').click();
    await expect.poll(objectNames).toEqual(['Disc', 'Object 1']);
    await expect.poll(() => page.getByTestId('project-name').textContent()).toBe('shot');
    await expect(page.getByTestId('project-name').getAttribute('data-dirty')).resolves.toBe('false');
    await expect.poll(keyframes).toBe(2);
    await expect.poll(() => page.getByTestId('quality-final').getAttribute('aria-pressed')).toBe('true');
  });

  it('exports one ProRes 4444 file per object, each with its own alpha', async () => {
    // Masks are a cache: the opened project tracks again before it exports.
    await page.getByTestId('propagate-button').click();
    await waitForPropagation();
    const outPath = join(dir, 'export', 'shot.mov');
    await page.getByTestId('export-button').click();
    // Unless told otherwise, the export goes to the project's folder, not beside the clip.
    expect(await page.getByTestId('export-path').inputValue()).toBe(join(work, 'shot_matte.mov'));
    await page.getByTestId('export-format').selectOption('prores4444');
    await page.getByTestId('export-path').fill(outPath);
    await page.getByTestId('export-split').selectOption('per-object');
    await page.screenshot({ path: join(SHOTS, 'workflow-export.png') });
    await page.getByTestId('export-start').click();
    await expect.poll(() => page.getByTestId('export-status').textContent(), { timeout: 220_000 }).toMatch(new RegExp(`Exported ${DEMO.frames} frames`));

    expect((await readdir(join(dir, 'export'))).sort()).toEqual(['shot_Disc.mov', 'shot_Object_1.mov']);
    const disc = join(dir, 'export', 'shot_Disc.mov');
    const facts = await describeExport(disc);
    expect(facts).toMatchObject({ codec: 'prores', width: DEMO.width, height: DEMO.height, fps: DEMO.fps, frameCount: DEMO.frames });
    expect(facts.pixelFormat).toMatch(/^yuva444p1[02]le$/);
    const truth = Array.from({ length: DEMO.frames }, (_, f) => demoAlpha(f));
    expect(meanIoU(await readAlphaFrames(disc, DEMO.width, DEMO.height), truth)).toBeGreaterThan(0.85);
    // The corner object's file holds the corner, not the disc.
    const corner = await readAlphaFrames(join(dir, 'export', 'shot_Object_1.mov'), DEMO.width, DEMO.height);
    expect(meanIoU(corner, truth)).toBeLessThan(0.05);
    expect(corner[0].data[CORNER_PROBE.y * DEMO.width + CORNER_PROBE.x]).toBeGreaterThan(128);
  });

  it('asks for a folder when the media of a project moved, and finds it there', async () => {
    const moved = join(dir, 'moved');
    await mkdir(moved);
    await rename(clip, join(moved, 'shot.mp4'));
    await page.getByTestId('viewer').focus();
    await page.keyboard.press('Control+o');
    await page.getByTestId('open-project-dialog-path').fill(join(work, 'shot.sam2m.json'));
    await page.getByTestId('open-project-dialog-confirm').click();
    await expect.poll(() => page.getByTestId('relink-message').textContent()).toContain(clip);
    await page.getByTestId('relink-dialog-path').fill(moved);
    await page.screenshot({ path: join(SHOTS, 'workflow-relink.png') });
    await page.getByTestId('relink-dialog-confirm').click();
    await expect.poll(() => page.getByTestId('relink-dialog').count(), { timeout: 30_000 }).toBe(0);
    await expect.poll(objectNames).toEqual(['Disc', 'Object 1']);
    await waitForAttr('viewer', 'data-frame', '0');
    await expect.poll(keyframes).toBe(2);
  });

  it('downloads the offered model from the status bar, with progress, and says how to use it', async () => {
    await page.getByTestId('fallback-download').click();
    await expect.poll(() => page.getByTestId('fallback-note').textContent(), { timeout: 60_000 }).toBe('Downloaded and verified. Open the clip again to track with SAM 2.1 Tiny.');
    expect(
      files.requests
        .filter((r) => r.method === 'GET')
        .map((r) => r.path)
        .sort(),
    ).toEqual(['first.onnx', 'second.onnx']);
    await expect(page.getByTestId('fallback-download').count()).resolves.toBe(0);
    await page.screenshot({ path: join(SHOTS, 'workflow-model-offer.png') });
  });
});
