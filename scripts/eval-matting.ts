/**
 * Every matting head (the registry's available ones) at both qualities on every ground-truth set in
 * ../shared/data, against the truth, printed as a table beside the shared README's reference figures
 * and written as JSON. Each head is run three ways on each image:
 *  - given:  the set's own trimap, the whole image at once;
 *  - bridge: the trimap and tiles the bridge makes from a mask of the truth (alpha ≥ 0.5), as in the app;
 *  - band:   the baseline "fixed-width band": the same bridge, tiling and head, but the unknown band
 *            is a fixed FIXED_BAND px either side of the mask's contour instead of the adaptive one;
 * and the other baseline is the binary mask itself (alpha ≥ 0.5, no head).
 * Errors are over the given trimap's unknown pixels (alphamatting.com's convention) for every row, so
 * rows compare. synthetic-video has no trimaps: its region is made the way synthetic-matting's trimaps
 * were (0.02 < alpha < 0.98, dilated 6 px), its heads run from masks alone (bridge and band, as the
 * app does on video), and it is scored by SAD, MSE and dtSSD (whole frames); its bridge rows are
 * also shown after temporal stabilisation (strength STABILISATION, the GT masks as the tracker's).
 * Bars (issue 5), on SAD: with the bridge's trimap every head and quality beats the fixed band (same
 * head, same mask: the adaptive band must earn its keep) on every set; with the given and the bridge's
 * trimaps it beats the binary mask on the synthetic sets; 'final' on the given trimaps is at most 1.25x
 * the closed-form reference on alphamatting/ and synthetic-matting/. Exits 1 when one fails.
 * The sets run in parallel child processes (--jobs, 2 by default).
 * Usage: npx tsx scripts/eval-matting.ts [--sets a,b] [--heads a,b] [--jobs n] [--json path]
 */
import { fork } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import type { MattingHead, MattingQuality, RegionProposalBridge } from '../src/shared/engine';
import type { GrayImage, RgbaImage } from '../src/shared/media';
import { BandBridge } from '../src/main/engine/bridge/band-bridge';
import { matteFrame } from '../src/main/engine/compose';
import { createHead, listHeads } from '../src/main/engine/matting/head-registry';
import { dtSSD, matteErrors, mse, sad, unknownRegion } from '../src/main/engine/matting/metrics';
import { stabilizeAlpha } from '../src/main/engine/matting/temporal';
import { squaredDistanceTo } from '../src/main/imaging/distance-transform';
import { readImageGray, readImageRgba } from '../src/main/media/image-file';
import { tempFolder } from '../src/main/media/test-media';
import { repoRoot, requireSharedData, sharedData } from '../src/testing/paths';

const FIXED_BAND = 10;
const BRIDGES: Record<'bridge' | 'band', RegionProposalBridge> = {
  bridge: new BandBridge(),
  band: new BandBridge({ bandPerSize: 0, minBand: FIXED_BAND, maxBand: FIXED_BAND, minBandInMaskPixels: 0, bandPerFragmentation: 0 }),
};
const QUALITIES: MattingQuality[] = ['preview', 'final'];
/** Strength of the temporal stabilisation shown for video. */
const STABILISATION = 0.5;
const MODES = ['given', 'bridge', 'band'] as const;
type Mode = (typeof MODES)[number];

interface Sample {
  image: RgbaImage;
  truth: GrayImage;
  trimap: GrayImage;
}

interface GtSet {
  id: string;
  load(): Promise<Sample[]>;
  /** Frames of one clip, in order: dtSSD applies, Gradient and Connectivity are left out. */
  video: boolean;
  /** Composites with exact alpha: the binary-mask bar applies. */
  synthetic: boolean;
  /** The shared README's closed-form figures on the given trimaps. */
  closedForm?: { sad: number; mse: number };
}

interface Scores {
  sad: number;
  mse: number;
  gradient?: number;
  connectivity?: number;
  dtSSD?: number;
  /** Mean milliseconds per image (the head, or the bridge and the head). */
  ms?: number;
}

interface Row {
  set: string;
  method: string;
  mode: Mode | 'mask';
  head?: string;
  quality?: MattingQuality;
  /** The bridge's mattes of a clip after temporal stabilisation (not subject to the bars). */
  stabilised?: boolean;
  scores: Scores;
}

const numbered = (count: number, name: (k: number) => string) => Array.from({ length: count }, (_, k) => name(k));

async function loadStills(dir: string, names: string[]): Promise<Sample[]> {
  return Promise.all(
    names.map(async (name) => ({
      image: await readImageRgba(sharedData(dir, 'image', name)),
      truth: await readImageGray(sharedData(dir, 'alpha', name)),
      trimap: await readImageGray(sharedData(dir, 'trimap', name)),
    })),
  );
}

/** synthetic-matting's recipe: unknown where 0.02 < alpha < 0.98, dilated 6 px; else 0 or 255 by alpha. */
function trimapFromAlpha(alpha: GrayImage): GrayImage {
  const { width, height, data } = alpha;
  const soft = data.map((v) => (v > 0.02 * 255 && v < 0.98 * 255 ? 1 : 0));
  const d2 = squaredDistanceTo(soft, width, height);
  return { width, height, data: data.map((v, i) => (d2[i] <= 36 ? 128 : v >= 128 ? 255 : 0)) };
}

async function loadVideo(): Promise<Sample[]> {
  const names = numbered(48, (k) => `${String(k).padStart(5, '0')}.png`);
  return Promise.all(
    names.map(async (name) => {
      const truth = await readImageGray(sharedData('synthetic-video', 'alpha', name));
      return { image: await readImageRgba(sharedData('synthetic-video', 'frames', name)), truth, trimap: trimapFromAlpha(truth) };
    }),
  );
}

const SETS: GtSet[] = [
  {
    id: 'synthetic-matting',
    load: () =>
      loadStills(
        'synthetic-matting',
        numbered(8, (k) => `00${k}.png`),
      ),
    video: false,
    synthetic: true,
    closedForm: { sad: 5.7, mse: 31.9e-3 },
  },
  {
    id: 'alphamatting',
    load: () =>
      loadStills(
        'alphamatting',
        numbered(20, (k) => `GT${String(k + 1).padStart(2, '0')}.png`),
      ),
    video: false,
    synthetic: false,
    closedForm: { sad: 4.62, mse: 18.6e-3 },
  },
  { id: 'synthetic-video', load: loadVideo, video: true, synthetic: true },
];

const maskOf = (truth: GrayImage): GrayImage => ({ ...truth, data: truth.data.map((v) => (v >= 128 ? 255 : 0)) });

function score(set: GtSet, samples: Sample[], estimates: GrayImage[]): Scores {
  const mean = (f: (e: GrayImage, s: Sample) => number) => estimates.reduce((sum, e, k) => sum + f(e, samples[k]), 0) / estimates.length;
  const region = (s: Sample) => unknownRegion(s.trimap);
  if (set.video) {
    return {
      sad: mean((e, s) => sad(e, s.truth, region(s))),
      mse: mean((e, s) => mse(e, s.truth, region(s))),
      dtSSD: dtSSD(
        estimates,
        samples.map((s) => s.truth),
      ),
    };
  }
  const all = estimates.map((e, k) => matteErrors(e, samples[k].truth, region(samples[k])));
  const avg = (key: 'sad' | 'mse' | 'gradient' | 'connectivity') => all.reduce((sum, x) => sum + x[key], 0) / all.length;
  return { sad: avg('sad'), mse: avg('mse'), gradient: avg('gradient'), connectivity: avg('connectivity') };
}

async function runHead(samples: Sample[], head: MattingHead, quality: MattingQuality, mode: Mode): Promise<{ estimates: GrayImage[]; ms: number }> {
  const estimates: GrayImage[] = [];
  let ms = 0;
  for (const s of samples) {
    const started = performance.now();
    estimates.push(mode === 'given' ? await head.matte({ image: s.image, trimap: s.trimap, quality }) : await matteFrame(s.image, [maskOf(s.truth)], BRIDGES[mode], head, quality));
    ms += performance.now() - started;
  }
  return { estimates, ms: ms / samples.length };
}

/** The clip's mattes through stabilizeAlpha, frame by frame, the masks standing for the tracker's. */
function stabilised(samples: Sample[], mattes: GrayImage[]): GrayImage[] {
  const out = [mattes[0]];
  for (let t = 1; t < mattes.length; t++) {
    const [now, before] = [samples[t], samples[t - 1]];
    out.push(
      stabilizeAlpha({
        alpha: mattes[t],
        previousAlpha: out[t - 1],
        image: now.image,
        previousImage: before.image,
        mask: maskOf(now.truth),
        previousMask: maskOf(before.truth),
        strength: STABILISATION,
      }),
    );
  }
  return out;
}

function option(name: string): string | undefined {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 ? process.argv[k + 1] : undefined;
}

const fmt = (v: number | undefined, digits: number, scale = 1) => (v === undefined ? '-' : (v * scale).toFixed(digits));

function printTable(rows: Row[], sets: GtSet[]): void {
  const header = `${'set'.padEnd(18)} ${'method'.padEnd(36)} ${'trimap'.padEnd(7)} ${'SAD'.padStart(7)} ${'MSE e-3'.padStart(8)} ${'Grad'.padStart(7)} ${'Conn'.padStart(7)} ${'dtSSD'.padStart(6)} ${'ms/img'.padStart(7)}`;
  console.log(`\n${header}\n${'-'.repeat(header.length)}`);
  for (const set of sets) {
    for (const r of rows.filter((x) => x.set === set.id)) {
      const s = r.scores;
      console.log(
        `${r.set.padEnd(18)} ${r.method.padEnd(36)} ${r.mode.padEnd(7)} ${fmt(s.sad, 2).padStart(7)} ${fmt(s.mse, 1, 1000).padStart(8)} ${fmt(s.gradient, 2).padStart(7)} ${fmt(s.connectivity, 2).padStart(7)} ${fmt(s.dtSSD, 2).padStart(6)} ${fmt(s.ms, 0).padStart(7)}`,
      );
    }
    if (set.closedForm)
      console.log(
        `${set.id.padEnd(18)} ${'reference: closed-form (README)'.padEnd(36)} ${'given'.padEnd(7)} ${set.closedForm.sad.toFixed(2).padStart(7)} ${(set.closedForm.mse * 1000).toFixed(1).padStart(8)}`,
      );
  }
}

/** Issue 5's bars on SAD; each failure in words. */
function failures(rows: Row[], sets: GtSet[]): string[] {
  const out: string[] = [];
  for (const set of sets) {
    const mask = rows.find((r) => r.set === set.id && r.mode === 'mask')!.scores.sad;
    for (const r of rows.filter((x) => x.set === set.id && (x.mode === 'given' || x.mode === 'bridge') && !x.stabilised)) {
      const band = rows.find((x) => x.set === set.id && x.mode === 'band' && x.head === r.head && x.quality === r.quality)!.scores.sad;
      const what = `${set.id} ${r.method} (${r.mode}): SAD ${r.scores.sad.toFixed(2)}`;
      if (r.mode === 'bridge' && r.scores.sad >= band) out.push(`${what} does not beat the fixed ${FIXED_BAND} px band (${band.toFixed(2)})`);
      if (set.synthetic && r.scores.sad >= mask) out.push(`${what} does not beat the binary mask (${mask.toFixed(2)})`);
      if (set.closedForm && r.mode === 'given' && r.quality === 'final' && r.scores.sad > 1.25 * set.closedForm.sad) {
        out.push(`${what} is above 1.25x the closed-form reference (${(1.25 * set.closedForm.sad).toFixed(2)})`);
      }
    }
  }
  return out;
}

/** The rows of one set: the binary mask, then every head, quality and trimap. */
async function evaluateSet(set: GtSet, headIds: string[]): Promise<Row[]> {
  const started = performance.now();
  const samples = await set.load();
  const rows: Row[] = [
    {
      set: set.id,
      method: 'binary mask (alpha >= 0.5)',
      mode: 'mask',
      scores: score(
        set,
        samples,
        samples.map((s) => maskOf(s.truth)),
      ),
    },
  ];
  for (const headId of headIds) {
    const head = await createHead(headId);
    for (const quality of QUALITIES) {
      for (const mode of MODES.filter((m) => !(set.video && m === 'given'))) {
        const { estimates, ms } = await runHead(samples, head, quality, mode);
        rows.push({ set: set.id, method: `${headId} ${quality}`, mode, head: headId, quality, scores: { ...score(set, samples, estimates), ms } });
        console.log(`${set.id} ${headId} ${quality} ${mode}: SAD ${rows.at(-1)!.scores.sad.toFixed(2)} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
        if (set.video && mode === 'bridge') {
          rows.push({
            set: set.id,
            method: `${headId} ${quality}, stabilised`,
            mode: 'bridge',
            head: headId,
            quality,
            stabilised: true,
            scores: score(set, samples, stabilised(samples, estimates)),
          });
        }
      }
    }
  }
  return rows;
}

/** Each set in a child process of this script, `jobs` at a time (the sets are independent; 2 cores here). */
async function evaluateInChildren(sets: GtSet[], headIds: string[], jobs: number): Promise<Row[]> {
  const { dir, remove } = await tempFolder('eval-matting');
  try {
    const queue = [...sets];
    const results = new Map<string, Row[]>();
    const worker = async () => {
      for (let set = queue.shift(); set; set = queue.shift()) {
        const json = join(dir, `${set.id}.json`);
        const child = fork(fileURLToPath(import.meta.url), ['--sets', set.id, '--heads', headIds.join(','), '--rows', json], { stdio: 'inherit' });
        const code = await new Promise<number | null>((done) => child.on('exit', done));
        if (code !== 0) throw new Error(`the ${set.id} child exited with ${code}`);
        results.set(set.id, JSON.parse(await readFile(json, 'utf8')) as Row[]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(jobs, sets.length) }, worker));
    return sets.flatMap((s) => results.get(s.id)!);
  } finally {
    await remove();
  }
}

async function main(): Promise<void> {
  requireSharedData();
  const setIds = option('sets')?.split(',') ?? SETS.map((s) => s.id);
  const unknownSet = setIds.find((id) => !SETS.some((s) => s.id === id));
  if (unknownSet) throw new Error(`Unknown set ${unknownSet}; known: ${SETS.map((s) => s.id).join(', ')}`);
  const sets = SETS.filter((s) => setIds.includes(s.id));
  const rowsPath = option('rows');
  const wanted = option('heads')?.split(',');
  if (rowsPath) {
    // A child: one set, its rows to the given file.
    await writeFile(rowsPath, JSON.stringify(await evaluateSet(sets[0], wanted ?? [])));
    return;
  }
  const heads = await listHeads();
  for (const h of heads.filter((x) => !x.available)) console.log(`skipped ${h.id}: ${h.reason}`);
  const headIds = heads.filter((h) => h.available && (!wanted || wanted.includes(h.id))).map((h) => h.id);
  const jobs = Number(option('jobs') ?? Math.min(2, cpus().length));
  const started = performance.now();
  const rows = jobs > 1 && sets.length > 1 ? await evaluateInChildren(sets, headIds, jobs) : (await Promise.all(sets.map((s) => evaluateSet(s, headIds)))).flat();
  printTable(rows, sets);
  const failed = failures(rows, sets);
  const jsonPath = resolve(option('json') ?? resolve(repoRoot, '.tmp/eval-matting.json'));
  await mkdir(dirname(jsonPath), { recursive: true });
  await writeFile(
    jsonPath,
    JSON.stringify({ fixedBand: FIXED_BAND, rows, references: Object.fromEntries(sets.map((s) => [s.id, s.closedForm ?? null])), failures: failed }, null, 2),
  );
  console.log(`\nJSON: ${jsonPath}; ${((performance.now() - started) / 1000).toFixed(0)} s`);
  if (failed.length > 0) {
    console.log(`\nBars failed:\n  ${failed.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nAll bars met.');
}

main().catch((err: Error) => {
  console.error(`eval-matting failed: ${err.message}`);
  process.exit(1);
});
