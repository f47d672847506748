/** The render command's arguments, parsed and checked before any file is opened. */
import { extname } from 'node:path';
import { EXR_COMPRESSIONS, isGreyFormat, type AlphaMode, type ExportFormat, type ExrCompression, type ExrOptions } from '../../shared/api';
import type { FrameRange } from '../../shared/common/frame-range';
import type { MattingQuality } from '../../shared/engine';
import { COMMON_HELP, parseCommandLine, UsageError } from '../command-line';
import { parseBoxSpec, parseMaskSpec, parsePointSpec, type PromptSpec } from './prompt-specs';

export const RENDER_USAGE = `Usage:
  sam2matting render PROJECT.json --out DIR_OR_FILE [--range A-B] [--format FORMAT] [--object NAME] [--per-object] [OUTPUT OPTIONS]
  sam2matting render --video IN --out DIR_OR_FILE [--point X,Y@FRAME[:neg]]... [--box X0,Y0,X1,Y1@FRAME]...
                     [--mask M.png@FRAME]... [--object NAME] [--range A-B] [--format FORMAT] [OUTPUT OPTIONS]
  sam2matting render --join A.mov B.mov ... --out FULL.mov
  FORMAT: prores4444 (a .mov file), png (RGBA), matte (grey alpha), mask (the tracker's own mask, 0/255,
  no matting) or exr (OpenEXR: linear half float,
  A and RGB, a layer per object), each a folder of frames; it defaults to prores4444 for a .mov, else
  matte. --range A-B (inclusive) renders a chunk: frames are numbered by source frame, so chunks
  written to one folder form one sequence, and --join concatenates ProRes chunks losslessly. Without
  --range a project renders its in/out points.
  OUTPUT OPTIONS: --alpha straight|premultiplied (colour; straight by default, premultiplied for exr);
  for exr, --compression zip|zips|none (zip by default) and --object-colour (each object's layer
  holds its foreground colour beside its matte).
  --head ID: the matting head (guided-filter, closed-form, a matting model's id, or sam2matting: the
  paper's heads on the SAM 2.1 tracker's own features, needing a paired SAM2Matting model); a project
  keeps its own head without it. --quality preview|final|detail (final by default; for sam2matting, preview is
  the paper's 512² alpha and final, also called detail, its tiles at source resolution).
${COMMON_HELP}`;

interface RenderOutput {
  out: string;
  format: ExportFormat;
  range: FrameRange | null;
  /** Given only when the command line says. */
  alphaMode?: AlphaMode;
  exr?: ExrOptions;
  /** The matting head's id (checked once the service knows its heads) and quality. */
  head?: string;
  quality?: MattingQuality;
}

export type RenderArgs =
  | ({ mode: 'project'; project: string; object: string | null; perObject: boolean } & RenderOutput)
  | ({ mode: 'video'; video: string; object: string; prompts: PromptSpec[] } & RenderOutput)
  | { mode: 'join'; inputs: string[]; out: string };

const FORMATS: readonly ExportFormat[] = ['prores4444', 'png', 'matte', 'exr', 'mask'];

export function parseRenderArgs(argv: string[]): RenderArgs {
  const { values, positionals } = readOptions(argv);
  const out = values.out?.trim();
  if (!out) throw new UsageError('Give --out: a .mov file or a folder.');
  if (values.join) {
    const inputs = [values.join, ...positionals];
    if (inputs.length < 2) throw new UsageError('--join needs at least two .mov chunks.');
    return { mode: 'join', inputs, out };
  }
  const format = outputFormat(values.format, out);
  const output: RenderOutput = {
    out,
    format,
    range: values.range === undefined ? null : parseRange(values.range),
    ...outputOptions(values, format),
    ...mattingOptions(values, format),
  };
  const prompts = [...(values.point ?? []).map(parsePointSpec), ...(values.box ?? []).map(parseBoxSpec), ...(values.mask ?? []).map(parseMaskSpec)];
  if (values.video !== undefined) {
    if (positionals.length) throw new UsageError(`--video renders without a project; remove ${positionals[0]}.`);
    if (!prompts.length) throw new UsageError('--video needs at least one --point, --box or --mask to know the object.');
    return { mode: 'video', video: values.video, object: values.object?.trim() || 'Object', prompts, ...output };
  }
  if (positionals.length !== 1) throw new UsageError(positionals.length ? `Give one project file, not ${positionals.length}.` : 'Give a project file or --video.');
  if (prompts.length) throw new UsageError('--point, --box and --mask go with --video; a project keeps its own prompts.');
  return { mode: 'project', project: positionals[0], object: values.object ?? null, perObject: values['per-object'] ?? false, ...output };
}

function readOptions(argv: string[]) {
  return parseCommandLine({
    args: argv,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      range: { type: 'string' },
      format: { type: 'string' },
      object: { type: 'string' },
      'per-object': { type: 'boolean' },
      video: { type: 'string' },
      point: { type: 'string', multiple: true },
      box: { type: 'string', multiple: true },
      mask: { type: 'string', multiple: true },
      join: { type: 'string' },
      alpha: { type: 'string' },
      compression: { type: 'string' },
      'object-colour': { type: 'boolean' },
      head: { type: 'string' },
      quality: { type: 'string' },
    },
  });
}

/** The chosen format, or the one the output's name implies; a .mov only holds ProRes and a folder only frames. */
function outputFormat(format: string | undefined, out: string): ExportFormat {
  const isMov = extname(out).toLowerCase() === '.mov';
  if (format === undefined) return isMov ? 'prores4444' : 'matte';
  if (!FORMATS.includes(format as ExportFormat)) throw new UsageError(`Unknown --format ${format}; use ${FORMATS.join(', ')}.`);
  if (format === 'prores4444' && !isMov) throw new UsageError(`prores4444 writes a .mov file; --out ${out} is not one.`);
  if (format !== 'prores4444' && isMov) throw new UsageError(`${format} writes a folder of frames; --out ${out} names a .mov file.`);
  return format as ExportFormat;
}

function outputOptions(values: { alpha?: string; compression?: string; 'object-colour'?: boolean }, format: ExportFormat): Pick<RenderOutput, 'alphaMode' | 'exr'> {
  const options: Pick<RenderOutput, 'alphaMode' | 'exr'> = {};
  if (values.alpha !== undefined) {
    if (values.alpha !== 'straight' && values.alpha !== 'premultiplied') throw new UsageError(`Unknown --alpha ${values.alpha}; use straight or premultiplied.`);
    if (isGreyFormat(format)) throw new UsageError(`--alpha is about colour; the ${format} format has none.`);
    options.alphaMode = values.alpha;
  }
  const { compression, 'object-colour': objectColour } = values;
  if (compression === undefined && objectColour === undefined) return options;
  if (format !== 'exr') throw new UsageError(`--compression and --object-colour go with --format exr, not ${format}.`);
  if (compression !== undefined && !EXR_COMPRESSIONS.includes(compression as ExrCompression)) {
    throw new UsageError(`Unknown --compression ${compression}; use ${EXR_COMPRESSIONS.join(', ')}.`);
  }
  options.exr = { compression: compression as ExrCompression | undefined, objectColour };
  return options;
}

function mattingOptions(values: { head?: string; quality?: string }, format: ExportFormat): Pick<RenderOutput, 'head' | 'quality'> {
  const options: Pick<RenderOutput, 'head' | 'quality'> = {};
  if ((values.head !== undefined || values.quality !== undefined) && format === 'mask') throw new UsageError('--head and --quality choose the matting; the mask format has none.');
  if (values.head !== undefined) {
    if (!values.head.trim()) throw new UsageError('--head needs a head id.');
    options.head = values.head.trim();
  }
  if (values.quality !== undefined) {
    // 'detail' names what final is for the paper's heads (their boundary tiles at source resolution).
    if (values.quality !== 'preview' && values.quality !== 'final' && values.quality !== 'detail')
      throw new UsageError(`--quality must be preview, final or detail, not "${values.quality}".`);
    options.quality = values.quality === 'detail' ? 'final' : values.quality;
  }
  return options;
}

/** "A-B", inclusive frame numbers; whether they lie within the clip is checked once it is open. */
export function parseRange(text: string): FrameRange {
  const match = /^\s*(\d+)\s*-\s*(\d+)\s*$/.exec(text);
  if (!match) throw new UsageError(`--range must look like 0-99 (first and last frame), not "${text}".`);
  const [start, end] = [Number(match[1]), Number(match[2])];
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end)) throw new UsageError(`--range ${text} is too large.`);
  if (end < start) throw new UsageError(`--range ${text} ends before it starts.`);
  return { start, end };
}
