/**
 * SAM2 tracker speed and memory: per-module ms per frame, propagation FPS, click-to-mask latency
 * (cold: the frame's features not yet computed; warm: computed), RSS after 100 frames and at the end
 * (the feature cache holds as many frames as --cache-mb does at SAM 2.1 sizes, so it is full by frame 100).
 * Runs on generated graphs (tiny doubles: the host loop's own cost) unless --models DIR names a models
 * folder with real SAM 2.1 weights (the smallest complete model is used).
 * Module times are wall times from call to result: they include waiting for the JS thread while it
 * prepares the next frame (which overlaps inference on purpose), so they add up to more than the work.
 * A second table times the host's own per-frame work at SAM 2.1 sizes (image 1024, C 256, grid 64,
 * low-res 256), which the generated graphs are too small to show.
 * --host times only that table (quick before/after figures for the host code).
 * --pytorch-ms N: SAM2's own PyTorch predictor's ms per object-frame, measured on the same machine in the
 * same minutes (e.g. with the twin generator's predictor); printed beside ours with the speed ratio.
 * Usage: npx tsx scripts/bench-tracker.ts [--models DIR] [--frames 2000] [--size 1280x720]
 *        [--providers cuda,cpu] [--cache-mb 1024] [--thread main|worker] [--out .tmp/bench-tracker.json] [--host]
 *        [--pytorch-ms N]
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { FrameSource } from '../src/shared/engine';
import type { ExecutionProvider, ModelSpec } from '../src/shared/models';
import { frameToModelInput } from '../src/main/engine/tracker/sam2/frame-input';
import { channelsToSequence, sequenceToChannels } from '../src/main/engine/tracker/sam2/image-features';
import { InProcessRunner } from '../src/main/inference/in-process-runner';
import { fillSmallHoles, logitsToMask, upsampledMaskForMemory } from '../src/main/engine/tracker/sam2/logit-maps';
import { memoryAttentionInputs } from '../src/main/engine/tracker/sam2/memory-inputs';
import { createSam2Tracker, withConstantsModule } from '../src/main/engine/tracker/sam2/open-sam2-tracker';
import type { ModuleRunner } from '../src/main/inference/module-runner';
import { TimingRunner } from '../src/main/inference/timing-runner';
import { WorkerRunner } from '../src/main/inference/worker-runner';
import { tempFolder } from '../src/main/media/test-media';
import { loadManifest, modelDir } from '../src/main/models/manifest';
import { ModelError } from '../src/shared/model-error';
import { resolveVariants } from '../src/main/models/variants';
import { doubleModelSpec, writeDoubleModel } from '../src/main/models/testing/sam2-double-model';

interface Options {
  models: string | null;
  frames: number;
  width: number;
  height: number;
  providers: ExecutionProvider[] | null;
  /**
   * Bound of the image-feature cache at SAM 2.1 sizes. With generated graphs it is scaled to hold as many
   * frames as it would with real weights (see featureCacheMB).
   */
  cacheMB: number;
  /** Where the modules run: this thread (module times without the hand-over) or a worker, as the app does. */
  thread: 'main' | 'worker';
  out: string;
  /** Only the host-work table. */
  hostOnly: boolean;
  /** PyTorch SAM2's ms per object-frame, measured alongside, to print the ratio against. */
  pytorchMs: number | null;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    models: null,
    frames: 2000,
    width: 1280,
    height: 720,
    providers: null,
    cacheMB: 1024,
    thread: 'main',
    out: '.tmp/bench-tracker.json',
    hostOnly: false,
    pytorchMs: null,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [flag, value] = [argv[i], argv[i + 1]];
    if (flag === '--host') {
      options.hostOnly = true;
      i--;
      continue;
    }
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--models') options.models = resolve(value);
    else if (flag === '--frames') options.frames = Number(value);
    else if (flag === '--size') [options.width, options.height] = value.split('x').map(Number);
    else if (flag === '--providers') options.providers = value.split(',') as ExecutionProvider[];
    else if (flag === '--cache-mb') options.cacheMB = Number(value);
    else if (flag === '--thread' && (value === 'main' || value === 'worker')) options.thread = value;
    else if (flag === '--out') options.out = value;
    else if (flag === '--pytorch-ms' && Number(value) > 0) options.pytorchMs = Number(value);
    else throw new Error(`Unknown option ${flag}`);
  }
  if (!Number.isInteger(options.frames) || options.frames < 2) throw new Error('--frames must be an integer of at least 2');
  if (!(options.width > 0 && options.height > 0)) throw new Error('--size must be WIDTHxHEIGHT');
  return options;
}

/** A bright disc drifting over a gradient: a copied background and the disc's rows per frame (decoding must not be what is timed). */
function syntheticSource(width: number, height: number, frameCount: number): FrameSource {
  const radius = Math.round(Math.min(width, height) / 8);
  const background = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) {
    const v = 40 + (((i % width) + Math.floor(i / width)) & 63);
    background.set([v, v, v, 255], i * 4);
  }
  return {
    width,
    height,
    frameCount,
    async getFrame(index: number) {
      const data = background.slice();
      const cx = radius + ((index * 4) % Math.max(1, width - 2 * radius));
      const cy = Math.round(height / 2);
      for (let dy = -radius; dy <= radius; dy++) {
        const half = Math.floor(Math.sqrt(radius * radius - dy * dy));
        const row = (cy + dy) * width;
        for (let x = Math.max(0, cx - half); x <= Math.min(width - 1, cx + half); x++) data.set(DISC, (row + x) * 4);
      }
      return { width, height, data };
    },
  };
}

const DISC = Uint8Array.of(240, 200, 60, 255);

function openRunner(options: Options, model: ModelSpec, dir: string, providers: ExecutionProvider[]): Promise<ModuleRunner> {
  return options.thread === 'worker' ? WorkerRunner.open({ model, dir, providers }) : InProcessRunner.open(model, dir, providers);
}

/** Bytes one frame's image features take in the tracker's cache (image-features.ts featureBytes), from the encoder's output dims. */
function frameFeatureBytes(model: ModelSpec): number {
  const outputs = model.modules.image_encoder.outputs;
  const count = (role: string) => outputs[role].dims.reduce<number>((n, d) => n * Number(d), 1);
  return 4 * (2 * count('pix_feat') + count('pos_enc_2') + count('high_res_0') + count('high_res_1'));
}

/**
 * The cache bound to run with. At SAM 2.1 sizes (24 MB a frame) 1024 MB is full after 42 frames, well
 * before the RSS taken after 100; the generated graphs' features are 5 KB a frame, so the same bound
 * would never fill and the RSS figures would measure the cache growing through the whole clip.
 */
function featureCacheMB(options: Options, model: ModelSpec, shipped: ModelSpec): number {
  return options.models ? options.cacheMB : (options.cacheMB * frameFeatureBytes(model)) / frameFeatureBytes(shipped);
}

async function openModel(options: Options, dir: string): Promise<{ runner: ModuleRunner; model: ModelSpec; label: string; cacheMB: number }> {
  const manifest = await loadManifest();
  // Generated graphs measure the host loop: CPU only, without the other providers' load failures in the log.
  const providers = options.providers ?? (options.models ? manifest.executionProviders : ['cpu']);
  const sam2 = manifest.models.filter((m) => m.family === 'sam2-tracker');
  if (!options.models) {
    const model = doubleModelSpec(sam2[0]);
    await writeDoubleModel(model, dir);
    return { runner: await openRunner(options, model, dir, providers), model, label: 'generated doubles (host loop only)', cacheMB: featureCacheMB(options, model, sam2[0]) };
  }
  for (const spec of sam2) {
    // The files the folder holds: the export's own names or ailia's (module variants).
    const model = await resolveVariants(withConstantsModule(spec), modelDir(options.models, spec.id));
    try {
      return { runner: await openRunner(options, model, modelDir(options.models, spec.id), providers), model, label: spec.title, cacheMB: options.cacheMB };
    } catch (err) {
      if (!(err instanceof ModelError && err.kind === 'missing')) throw err;
    }
  }
  throw new Error(`No complete SAM 2.1 model in ${options.models}`);
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

interface HostTiming {
  /** Median wall ms of one run. */
  wallMs: number;
  /** CPU ms of this process per run, over all runs (less noisy than wall time on a shared machine). */
  cpuMs: number;
}

/** Times `rounds` runs after one warm-up run. */
function timeWork(rounds: number, work: () => unknown): HostTiming {
  work();
  const times: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  const cpu = process.cpuUsage(cpuStart);
  return { wallMs: times.sort((a, b) => a - b)[Math.floor(rounds / 2)], cpuMs: (cpu.user + cpu.system) / 1000 / rounds };
}

/** The host steps of one tracked frame at SAM 2.1 sizes, each timed alone. */
async function hostWorkAtSam2Sizes(source: FrameSource, outWidth: number, outHeight: number): Promise<Record<string, HostTiming>> {
  const [image, C, grid, lowRes, Cm, memories, rounds] = [1024, 256, 64, 256, 64, 7, 15];
  const frame = await source.getFrame(0);
  const feature = Float32Array.from({ length: C * grid * grid }, (_, i) => Math.sin(i));
  const logits = { width: lowRes, height: lowRes, data: Float32Array.from({ length: lowRes * lowRes }, (_, i) => ((i % lowRes) - 128) / 8) };
  const spatial = Array.from({ length: memories }, () => new Float32Array(grid * grid * Cm));
  const pointers = Array.from({ length: 16 }, () => ({ pointer: new Float32Array(C), position: new Float32Array(Cm) }));
  // The memories' joined positions repeat from frame to frame while tracking: the session keeps them.
  const feed = { curr: feature, currPos: feature, channels: C, memChannels: Cm, spatial, spatialPos: new Float32Array(memories * grid * grid * Cm), pointers };
  return {
    [`frame ${frame.width}x${frame.height} to model input (resize + normalise)`]: timeWork(rounds, () => frameToModelInput(frame, image)),
    'feature to sequence': timeWork(rounds, () => channelsToSequence(feature, C)),
    'memory-attention output to channels': timeWork(rounds, () => sequenceToChannels(feature, C)),
    'memory-attention feed (7 memories, 16 pointers)': timeWork(rounds, () => memoryAttentionInputs(feed, 'split')),
    'mask for memory (upsample + sigmoid)': timeWork(rounds, () => upsampledMaskForMemory(logits, image, false)),
    'mask clean-up (fill_hole_area 8)': timeWork(rounds, () => fillSmallHoles(logits, 8)),
    [`mask to ${outWidth}x${outHeight} probabilities`]: timeWork(rounds, () => logitsToMask(logits, outWidth, outHeight)),
  };
}

/** The host-work table at the output size the tracker uses for this frame size. */
async function hostTable(source: FrameSource): Promise<Record<string, HostTiming>> {
  const scale = Math.min(1, 1024 / Math.max(source.width, source.height));
  const hostMs = await hostWorkAtSam2Sizes(source, Math.round(source.width * scale), Math.round(source.height * scale));
  console.log('Host work per frame at SAM 2.1 sizes (ms per run: median wall, mean CPU):');
  console.table(Object.fromEntries(Object.entries(hostMs).map(([step, t]) => [step, { 'wall ms': t.wallMs.toFixed(1), 'cpu ms': t.cpuMs.toFixed(1) }])));
  return hostMs;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.hostOnly) {
    await hostTable(syntheticSource(options.width, options.height, 1));
    return;
  }
  const { dir, remove } = await tempFolder('bench-tracker');
  try {
    const { runner, model, label, cacheMB } = await openModel(options, join(dir, 'model'));
    const timing = new TimingRunner(runner);
    const source = syntheticSource(options.width, options.height, options.frames);
    const tracker = await createSam2Tracker(timing, model, source, { featureCacheMB: cacheMB });
    const cacheFrames = Math.floor((cacheMB * 1024 * 1024) / frameFeatureBytes(model));
    const click = [{ kind: 'point' as const, x: Math.round(Math.min(options.width, options.height) / 8), y: options.height / 2, positive: true }];

    let start = performance.now();
    await tracker.setPrompts(1, 0, click);
    const clickColdMs = performance.now() - start;
    start = performance.now();
    await tracker.setPrompts(1, 0, click);
    const clickWarmMs = performance.now() - start;

    timing.reset();
    let rssAt100: number | null = null;
    let frames = 0;
    start = performance.now();
    const cpuStart = process.cpuUsage();
    for await (const result of tracker.propagate({ objectIds: [1], direction: 'forward' })) {
      frames++;
      if (result.frame === 100) rssAt100 = process.memoryUsage().rss;
      if (frames % 250 === 0) process.stdout.write(`  ${frames} frames, ${((frames * 1000) / (performance.now() - start)).toFixed(1)} fps\r`);
    }
    const seconds = (performance.now() - start) / 1000;
    // The prompted start frame is reported as it is: the others are the tracked ones (one object: ms per object-frame).
    const msPerTrackedFrame = (seconds * 1000) / (frames - 1);
    // All of this process's threads (onnxruntime's included): steadier than wall time on a shared machine.
    const cpu = process.cpuUsage(cpuStart);
    const cpuMsPerTrackedFrame = (cpu.user + cpu.system) / 1000 / (frames - 1);
    const rssEnd = process.memoryUsage().rss;
    const modules = Object.fromEntries(Object.entries(timing.snapshot()).map(([m, t]) => [m, { msPerFrame: t.ms / frames, calls: t.calls }]));

    const report = {
      model: label,
      providers: runner.providers,
      thread: options.thread,
      frameSize: `${options.width}x${options.height}`,
      featureCache: { mb: cacheMB, frames: cacheFrames },
      frames,
      propagationFps: frames / seconds,
      msPerTrackedFrame,
      cpuMsPerTrackedFrame,
      pytorch: options.pytorchMs === null ? null : { msPerObjectFrame: options.pytorchMs, speedRatio: options.pytorchMs / msPerTrackedFrame },
      clickToMaskMs: { cold: clickColdMs, warm: clickWarmMs },
      rssMB: { after100: rssAt100 === null ? null : mb(rssAt100), [`after${options.frames}`]: mb(rssEnd) },
      rssRatio: rssAt100 === null ? null : rssEnd / rssAt100,
      modules,
      node: process.version,
      date: new Date().toISOString(),
    };
    await tracker.close();

    console.log(`\nSAM2 tracker benchmark: ${label}, ${report.frameSize}, ${frames} frames, modules in the ${options.thread} thread`);
    console.table(Object.fromEntries(Object.entries(modules).map(([m, t]) => [m, { 'ms/frame': t.msPerFrame.toFixed(2), calls: t.calls, provider: runner.providers[m] }])));
    console.table({
      'propagation fps': report.propagationFps.toFixed(options.models ? 3 : 1),
      'propagation ms per tracked frame': msPerTrackedFrame.toFixed(0),
      'propagation CPU ms per tracked frame (all threads)': cpuMsPerTrackedFrame.toFixed(0),
      ...(report.pytorch && {
        'PyTorch SAM2 ms per object-frame (given)': report.pytorch.msPerObjectFrame.toFixed(0),
        'speed vs PyTorch SAM2 (x)': report.pytorch.speedRatio.toFixed(2),
      }),
      'click to mask, cold (ms)': clickColdMs.toFixed(1),
      'click to mask, warm (ms)': clickWarmMs.toFixed(1),
      'RSS after 100 frames (MB)': report.rssMB.after100,
      [`RSS after ${frames} frames (MB)`]: mb(rssEnd),
      'RSS ratio': report.rssRatio?.toFixed(2),
      'feature cache (frames it holds)': cacheFrames,
    });
    Object.assign(report, { hostMsAtSam2Sizes: await hostTable(source) });
    await mkdir(dirname(resolve(options.out)), { recursive: true });
    await writeFile(options.out, `${JSON.stringify(report, null, 2)}\n`);
    console.log(`Written to ${options.out}`);
  } finally {
    await remove();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
