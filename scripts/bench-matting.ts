/**
 * Matting speed per 1080p frame: the bridge alone, then bridge + head for every available head
 * (registry) and quality (and the preview as the app's viewer runs it, at reduced size), and the per-frame extras of an export (foreground colour, temporal
 * stabilisation). The subject is a typical one: synthetic-matting/000 (strands, veil, motion blur)
 * scaled to 1920x1080, with the tracker's mask as it comes, at 640x360 (alpha >= 0.5 of the truth).
 * Each figure is the run with the median wall time of N, with its CPU time (one thread: the CPU time
 * is what the wall time would be on an idle core).
 * The paper's heads (SAM2Matting, built from ../shared/sam2matting-heads-twin: real sizes, random weights)
 * run on SAM 2.1 Tiny-sized features at 1024²: the preview per frame (one heads run, its 512² alpha
 * resized to the frame), and the detail mode per frame (one tile's image input, encoder and heads run, times
 * the tiles the band needs; the encoder only with --encoder, e.g. the full-size SAM 2.1 twin's
 * image_encoder_hiera_t_2.1.onnx, else the tile's figure leaves it out and says so).
 * Usage: npx tsx scripts/bench-matting.ts [runs=3] [--json path] [--encoder FILE]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { MattingQuality } from '../src/shared/engine';
import { InferenceSession, Tensor } from 'onnxruntime-node';
import type { GrayImage, RgbaImage } from '../src/shared/media';
import { detailTiles } from '../src/main/engine/matting/sam2matting/paper-head';
import { frameToModelInput } from '../src/main/engine/tracker/sam2/frame-input';
import { resizeBilinear } from '../src/main/engine/tracker/sam2/logit-maps';
import { cropRgba } from '../src/main/imaging/crop';
import { buildSam2MattingHeadsGraph } from '../src/main/models/checkpoint/sam2matting-heads-graph';
import { readSam2MattingHeads } from '../src/main/models/checkpoint/sam2matting-heads';
import { BandBridge } from '../src/main/engine/bridge/band-bridge';
import { matteFrame, matteFrameWithin } from '../src/main/engine/compose';
import { PREVIEW_MAX_PIXELS } from '../src/main/engine/engine';
import { createHead, listHeads } from '../src/main/engine/matting/head-registry';
import { stabilizeAlpha } from '../src/main/engine/matting/temporal';
import { estimateForeground } from '../src/main/imaging/foreground';
import { resizeGrayBilinear, resizeRgbaArea } from '../src/shared/common/resize';
import { translatePlane } from '../src/main/imaging/translate';
import { readImageGray, readImageRgba } from '../src/main/media/image-file';
import { repoRoot, requireSharedData, sharedData, sharedFile } from '../src/testing/paths';

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
  console.log(
    `${WIDTH}x${HEIGHT}, mask ${mask.width}x${mask.height}: ${proposal.rois.length} tiles, ${(unknown / 1000).toFixed(0)}k unknown pixels (${((100 * unknown) / (WIDTH * HEIGHT)).toFixed(1)}%); ${cpus().length} cores, median of ${runs}`,
  );

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
    rows.push({
      what: `  ${info.id} preview, as the app (<=${PREVIEW_MAX_PIXELS / 1000}k px)`,
      ...(await median(runs, () => matteFrameWithin(PREVIEW_MAX_PIXELS, image, [mask], bridge, head, 'preview'))),
    });
  }
  rows.push(...(await paperHeads(runs, image, mask, bridge)));
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

/** The paper's heads, preview and detail (see the header). */
async function paperHeads(runs: number, image: RgbaImage, mask: GrayImage, bridge: BandBridge): Promise<({ what: string } & Timing)[]> {
  const checkpoint = sharedFile('sam2matting-heads-twin', 'sam2matting_twin.pt');
  const heads = await InferenceSession.create(buildSam2MattingHeadsGraph(await readSam2MattingHeads(checkpoint)));
  const encoderPath = process.argv.includes('--encoder') ? process.argv[process.argv.indexOf('--encoder') + 1] : null;
  const encoder = encoderPath ? await InferenceSession.create(encoderPath) : null;
  try {
    const random = (n: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(i * 12.9898) * 0.5);
    const feeds = (imageInput: Float32Array) => ({
      backbone_fpn_0: new Tensor('float32', random(32 * 256 * 256), [1, 32, 256, 256]),
      backbone_fpn_1: new Tensor('float32', random(64 * 128 * 128), [1, 64, 128, 128]),
      backbone_fpn_2: new Tensor('float32', random(256 * 64 * 64), [1, 256, 64, 64]),
      image: new Tensor('float32', imageInput, [1, 3, 1024, 1024]),
      mask: new Tensor(
        'float32',
        Float32Array.from({ length: 256 * 256 }, (_, i) => (i % 256 > 96 && i % 256 < 160 ? 1 : 0)),
        [1, 1, 256, 256],
      ),
    });
    const frameInput = frameToModelInput(image, 1024);
    const preview = await median(runs, async () => {
      const out = await heads.run(feeds(frameInput));
      resizeBilinear({ width: 512, height: 512, data: out.alpha.data as Float32Array }, WIDTH, HEIGHT);
    });
    const tiles = detailTiles(bridge.propose(mask, WIDTH, HEIGHT).trimap);
    const tile = tiles[0];
    const perTile = await median(runs, async () => {
      const input = frameToModelInput(cropRgba(image, tile), 1024);
      // The encoder's outputs only need to be computed here: the heads' time does not depend on their values.
      if (encoder) await encoder.run({ [encoder.inputNames[0]]: new Tensor('float32', input, [1, 3, 1024, 1024]) });
      await heads.run(feeds(input));
    });
    const encoded = encoder ? 'encoder + heads' : 'heads only, no --encoder';
    return [
      { what: 'paper heads preview (1024² in, 512² alpha)', ...preview },
      { what: `paper heads detail, one tile (${encoded})`, ...perTile },
      { what: `paper heads detail, ${tiles.length} tiles (${encoded})`, ms: perTile.ms * tiles.length, cpuMs: perTile.cpuMs * tiles.length },
    ];
  } finally {
    await heads.release();
    await encoder?.release();
  }
}

main().catch((err: Error) => {
  console.error(`bench-matting failed: ${err.message}`);
  process.exit(1);
});
