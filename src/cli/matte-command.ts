/**
 * `sam2matting matte`: the matte alone, for one image or a folder of them.
 *   --image in.png (--trimap t.png | --mask m.png) [--head ID] [--quality preview|final] --out alpha.png [--foreground fg.png]
 * With folders, --trimap/--mask/--out/--foreground are folders too and files pair up by name (outputs
 * are PNG). Trimaps: 0 background, 255 foreground, anything else unknown; a mask (0..255, 128 = edge)
 * goes through the region-proposal bridge, as a tracker's mask would.
 */
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { MattingHead, MattingQuality } from '../shared/engine';
import { BandBridge } from '../main/engine/bridge/band-bridge';
import { matteRegions } from '../main/engine/compose';
import { BUILT_IN_HEADS, createHead, UnknownHeadError } from '../main/engine/matting/head-registry';
import { isUnknown } from '../shared/common/trimap-values';
import { estimateForeground } from '../main/imaging/foreground';
import { readImageGray, readImageRgba, writePng } from '../main/media/image-file';
import { JobRunner } from '../main/services/jobs';
import { ModelService } from '../main/services/model-service';
import { COMMON_HELP, EXIT, failure, parseCommandLine, UsageError, wantsHelp } from './command-line';

export const MATTE_USAGE = `Usage: sam2matting matte --image IN (--trimap T | --mask M) --out ALPHA [--foreground FG]
                        [--head ${BUILT_IN_HEADS.map((h) => h.id).join('|')}|MODEL_ID] [--quality preview|final] [--models-dir DIR]
  IN, T, M, ALPHA and FG are image files, or folders whose files pair up by name.
  Trimap: 0 background, 255 foreground, anything else unknown. Mask: 0..255, the edge at 128.
  Default head closed-form, quality final.
${COMMON_HELP}`;

/** Larger tiles than the app's: a still image is matted once, and fewer overlaps cost less. */
const bridge = new BandBridge({ maxTile: 512 });

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.bmp', '.tif', '.tiff', '.webp']);

export interface CommandOutput {
  log(line: string): void;
  error(line: string): void;
}

const consoleOutput: CommandOutput = { log: (l) => console.log(l), error: (l) => console.error(l) };

interface MatteJob {
  image: string;
  guide: string;
  out: string;
  foreground?: string;
}

interface MatteOptions {
  guideKind: 'trimap' | 'mask';
  quality: MattingQuality;
  head: MattingHead;
}

/** Runs the command; resolves to the process exit code (0 done, 1 a file failed, 2 a wrong command line). */
export async function runMatteCommand(argv: string[], output: CommandOutput = consoleOutput): Promise<number> {
  if (wantsHelp(argv)) {
    output.log(MATTE_USAGE);
    return EXIT.ok;
  }
  let jobs: MatteJob[];
  let options: MatteOptions;
  try {
    const values = parse(argv);
    jobs = await listJobs(values);
    // An ONNX head opens through the model manager, as in the app: its manifest, pins checked, in a worker.
    const models = new ModelService({ jobs: new JobRunner(() => {}), emit: () => {}, modelsDir: values['models-dir'] });
    const head = await createHead(values.head, models.modelsDir, models.headModels).catch((err: unknown) => {
      throw err instanceof UnknownHeadError ? new UsageError(err.message) : err;
    });
    options = { guideKind: values.trimap ? 'trimap' : 'mask', quality: values.quality, head };
  } catch (err) {
    const { code, line } = failure('matte', 'sam2matting matte --help', err);
    output.error(line);
    return code;
  }
  let failed = 0;
  for (const job of jobs) {
    try {
      const started = performance.now();
      const unknown = await matteOne(job, options);
      output.log(`${job.out}: ${unknown} unknown pixels matted with ${options.head.name}, ${options.quality}, in ${Math.round(performance.now() - started)} ms`);
    } catch (err) {
      failed++;
      // Each message names its file.
      output.error(failure('matte', 'sam2matting matte --help', err).line);
    }
  }
  // An ONNX head holds its worker and sessions until closed.
  await options.head.close?.();
  return failed > 0 ? EXIT.failed : EXIT.ok;
}

function parse(argv: string[]) {
  const { values } = parseCommandLine({
    args: argv,
    options: {
      image: { type: 'string' },
      trimap: { type: 'string' },
      mask: { type: 'string' },
      out: { type: 'string' },
      foreground: { type: 'string' },
      head: { type: 'string', default: 'closed-form' },
      quality: { type: 'string', default: 'final' },
      'models-dir': { type: 'string' },
    },
  });
  if (!values.image) throw new UsageError('--image is required.');
  if (!values.out) throw new UsageError('--out is required.');
  if (!values.trimap === !values.mask) throw new UsageError('Give exactly one of --trimap and --mask.');
  const { quality } = values;
  if (quality !== 'preview' && quality !== 'final') throw new UsageError(`--quality must be preview or final, not "${quality}".`);
  return { ...values, image: values.image, out: values.out, quality: quality as MattingQuality };
}

async function isFolder(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** One job per image: a file, or every image of a folder paired by name with the guide folder's file. */
async function listJobs(values: ReturnType<typeof parse>): Promise<MatteJob[]> {
  const image = resolve(values.image);
  const guide = resolve((values.trimap ?? values.mask)!);
  const out = resolve(values.out);
  const foreground = values.foreground && resolve(values.foreground);
  if (!(await isFolder(image))) return [{ image, guide, out, foreground }];
  if (!(await isFolder(guide))) throw new UsageError(`--image ${image} is a folder, so --${values.trimap ? 'trimap' : 'mask'} must be one too (${guide} is not).`);
  const names = (await readdir(image)).filter((name) => IMAGE_EXTENSIONS.has(extname(name).toLowerCase())).sort();
  if (names.length === 0) throw new UsageError(`No images in ${image}.`);
  await mkdir(out, { recursive: true });
  if (foreground) await mkdir(foreground, { recursive: true });
  const png = (name: string) => `${basename(name, extname(name))}.png`;
  return names.map((name) => ({ image: join(image, name), guide: join(guide, name), out: join(out, png(name)), foreground: foreground && join(foreground, png(name)) }));
}

/** Mattes one image and writes its outputs; returns how many pixels were unknown. */
async function matteOne(job: MatteJob, { guideKind, quality, head }: MatteOptions): Promise<number> {
  // Read errors name the file already.
  const image = await readImageRgba(job.image);
  const guide = await readImageGray(job.guide);
  if (guide.width !== image.width || guide.height !== image.height) {
    throw new Error(`the ${guideKind} ${job.guide} is ${guide.width}x${guide.height} but the image is ${image.width}x${image.height}.`);
  }
  const proposal = guideKind === 'mask' ? bridge.propose(guide, image.width, image.height) : { trimap: guide, rois: bridge.tiles(guide), knownFromMask: false };
  const unknown = proposal.trimap.data.reduce((n, v) => n + (isUnknown(v) ? 1 : 0), 0);
  if (unknown === 0) {
    throw new Error(
      guideKind === 'trimap'
        ? `the trimap ${job.guide} has no unknown pixels (values other than 0 and 255): nothing to matte.`
        : `the mask ${job.guide} has no edge (it is all foreground or all background): nothing to matte.`,
    );
  }
  const alpha = await matteRegions(image, proposal, head, quality);
  await mkdir(dirname(job.out), { recursive: true });
  await writePng(job.out, alpha);
  if (job.foreground) {
    await mkdir(dirname(job.foreground), { recursive: true });
    await writePng(job.foreground, estimateForeground(image, alpha));
  }
  return unknown;
}
