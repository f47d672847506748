/**
 * Matting speed per 1080p frame: the bridge alone, then bridge + head for every available head
 * (registry) and quality (and the preview as the app's viewer runs it, at reduced size), and the per-frame extras of an export (foreground colour, temporal
 * stabilisation). The subject is a typical one: synthetic-matting/000 (strands, veil, motion blur)
 * scaled to 1920x1080, with the tracker's mask as it comes, at 640x360 (alpha >= 0.5 of the truth).
 * Each figure is the run with the median wall time of N, with its CPU time (one thread: the CPU time
 * is what the wall time would be on an idle core).
 * Usage: npx tsx scripts/bench-matting.ts [runs=3] [--json path]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MattingQuality } from '../src/shared/engine';
import type { GrayImage } from '../src/shared/media';
import { BandBridge } from '../src/main/engine/bridge/band-bridge';
import { matteFrame, matteFrameWithin } from '../src/main/engine/compose';
import { PREVIEW_MAX_PIXELS } from '../src/main/engine/engine';
import { createHead, listHeads } from '../src/main/engine/matting/head-registry';
import { stabilizeAlpha } from '../src/main/engine/matting/temporal';
import { estimateForeground } from '../src/main/imaging/foreground';
import { resizeGrayBilinear, resizeRgbaArea } from '../src/shared/common/resize';
import { translatePlane } from '../src/main/imaging/translate';
import { readImageGray, readImageRgba } from '../src/main/media/image-file';
import { repoRoot, requireSharedData, sharedData } from '../src/testing/paths';

const WIDTH = 1920;
const HEIGHT = 1080;
const QUALITIES: MattingQuality[] = ['preview', 'final'];

interface Timing {
  /** Wall clock, and CPU time of this process (steadier where other work shares the cores), ms. */
  ms: number;
  cpuMs: number;
}

/** The run with the median wall time. */
async function median(runs: number, work: () => Promise<unknown> | unknown): Promise<Timing> {
  const timings: Timing[] = [];
  for (let k = 0; k < runs; k++) {
    const [cpu, started] = [process.cpuUsage(), performance.now()];
    await work();
    const used = process.cpuUsage(cpu);
    timings.push({ ms: performance.now() - started, cpuMs: (used.user + used.system) / 1000 });
  }
  return timings.sort((a, b) => a.ms - b.ms)[Math.floor(runs / 2)];
}

async function main(): Promise<void> {
  requireSharedData();
  const runs = Number(process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 3);
  if (!Number.isInteger(runs) || runs < 1) throw new Error('Give the number of runs as a positive integer.');
  const image = resizeRgbaArea(await readImageRgba(sharedData('synthetic-matting', 'image', '000.png')), WIDTH, HEIGHT);
  const truth = await readImageGray(sharedData('synthetic-matting', 'alpha', '000.png'));
  const mask: GrayImage = { ...truth, data: truth.data.map((v) => (v >= 128 ? 255 : 0)) };
  const bridge = new BandBridge();
  const proposal = bridge.propose(mask, WIDTH, HEIGHT);
  let unknown = 0;
  for (const v of proposal.trimap.data) if (v !== 0 && v !== 255) unknown++;
  console.log(`${WIDTH}x${HEIGHT}, mask ${mask.width}x${mask.height}: ${proposal.rois.length} tiles, ${(unknown / 1000).toFixed(0)}k unknown pixels (${((100 * unknown) / (WIDTH * HEIGHT)).toFixed(1)}%); ${cpus().length} cores, median of ${runs}`);

  const rows: ({ what: string } & Timing)[] = [{ what: 'bridge alone', ...(await median(runs, () => bridge.propose(mask, WIDTH, HEIGHT))) }];
  let alpha: GrayImage | null = null;
  for (const info of await listHeads()) {
    if (!info.available) {
      console.log(`skipped ${info.id}: ${info.reason}`);
      continue;
    }
    const head = await createHead(info.id);
    for (const quality of QUALITIES) {
      rows.push({ what: `bridge + ${info.id} ${quality}`, ...(await median(runs, async () => (alpha = await matteFrame(image, [mask], bridge, head, quality)))) });
    }
    // What the app's viewer runs for a preview of this frame: matted within PREVIEW_MAX_PIXELS, scaled back up.
    rows.push({ what: `  ${info.id} preview, as the app (<=${PREVIEW_MAX_PIXELS / 1000}k px)`, ...(await median(runs, () => matteFrameWithin(PREVIEW_MAX_PIXELS, image, [mask], bridge, head, 'preview'))) });
  }
  const matte = alpha ?? resizeGrayBilinear(truth, WIDTH, HEIGHT);
  rows.push({ what: 'foreground colour (export)', ...(await median(runs, () => estimateForeground(image, matte))) });
  // The object moved 6 mask pixels (18 frame pixels) since the previous frame: both candidate displacements are tried.
  const previousMask = { ...mask, data: translatePlane(mask.data, mask.width, mask.height, -6, 0) };
  rows.push({
    what: 'temporal stabilisation',
    ...(await median(runs, () => stabilizeAlpha({ alpha: matte, previousAlpha: matte, image, previousImage: image, mask, previousMask, strength: 0.5 }))),
  });

  console.log(`\n${'per 1080p frame'.padEnd(40)} ${'wall ms'.padStart(8)} ${'CPU ms'.padStart(8)}\n${'-'.repeat(58)}`);
  for (const r of rows) console.log(`${r.what.padEnd(40)} ${r.ms.toFixed(0).padStart(8)} ${r.cpuMs.toFixed(0).padStart(8)}`);
  const jsonPath = resolve(process.argv.includes('--json') ? process.argv[process.argv.indexOf('--json') + 1] : resolve(repoRoot, '.tmp/bench-matting.json'));
  await mkdir(dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, JSON.stringify({ width: WIDTH, height: HEIGHT, runs, cores: cpus().length, tiles: proposal.rois.length, unknownPixels: unknown, rows }, null, 2));
  console.log(`\nJSON: ${jsonPath}`);
}

main().catch((err: Error) => {
  console.error(`bench-matting failed: ${err.message}`);
  process.exit(1);
});
