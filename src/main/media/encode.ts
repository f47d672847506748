/**
 * Export of a computed matte: through ffmpeg, ProRes 4444 with alpha in a .mov (exact frame rate,
 * timecode, audio), an RGBA PNG sequence or a grey matte PNG sequence, frames piped raw to its stdin;
 * or an OpenEXR sequence written here (exr/). The next frame renders while the last is written.
 */
import { writeFile } from 'node:fs/promises';
import { basename, dirname, extname, join } from 'node:path';
import { defaultAlphaMode, EXR_DEFAULTS, isGreyFormat, type AlphaMode, type ExportFormat, type ExportResult, type ExrOptions } from '../../shared/api';
import type { GrayImage, MediaInfo, RgbaImage } from '../../shared/media';
import { exrColour } from './exr/colour';
import { exrFrame, type ExrFrameSettings, type ExrLayer } from './exr/exr-frame';
import { encodeExr } from './exr/write-exr';
import { withAlpha } from './export-frame';
import { ffmpegPath, MediaError } from './ffmpeg';
import { abortError } from '../../shared/common/abort';
import { sourceDetails, type SourceDetails } from './probe';
import { formatRational, rationalValue } from '../../shared/common/rational';
import { formatRange, rangeLength, toTimeRange, wholeClip, type FrameRange } from '../../shared/common/frame-range';
import { stageFile, stageFolder } from './staged-output';
import { addFrames } from '../../shared/common/timecode';
import { ToolProcess } from './tool-process';

export interface RenderedFrame {
  image: RgbaImage;
  alpha: GrayImage;
  /** Each object's own matte: the layers of an OpenEXR export. */
  layers?: ExrLayer[];
  /** How much of the foreground colour estimate replaces the image's colour, 0..1 per pixel; all of it when omitted. */
  decontamination?: Float32Array;
}

export interface ExportOptions {
  source: MediaInfo;
  format: ExportFormat;
  /** A .mov file for prores4444, a folder for png, matte and exr. */
  outputPath: string;
  /** Colour straight or premultiplied by alpha, defaultAlphaMode(format) when omitted; the matte format ignores it. */
  alphaMode?: AlphaMode;
  /** Read by the exr format only. */
  exr?: ExrOptions;
  /** The frames to write; the whole clip when omitted. */
  range?: FrameRange;
  /** The frame and its matte at the source's full size. */
  renderFrame(index: number, signal: AbortSignal): Promise<RenderedFrame>;
  onProgress?(done: number, total: number): void;
  signal?: AbortSignal;
}

/** Where frames go: ffmpeg's stdin, or one OpenEXR file each. */
interface FrameSink {
  /** The bytes of a frame, worked out while the frame before is written. */
  encode(index: number, frame: RenderedFrame): Promise<Uint8Array>;
  write(index: number, bytes: Uint8Array): Promise<void>;
  /** Resolves once everything written is complete. */
  finish(): Promise<void>;
  kill(): void;
}

/** Writes the export; rejects with an AbortError when cancelled and a MediaError when ffmpeg or the disk fails. */
export async function exportMatte(options: ExportOptions): Promise<ExportResult> {
  const { format, outputPath, signal } = options;
  const range = checkedRange(options);
  if (signal?.aborted) throw abortError();
  const staged = format === 'prores4444' ? await stageFile(outputPath) : await stageFolder(outputPath);
  // Stops rendering when the caller cancels or writing fails, whichever comes first.
  const stop = new AbortController();
  let sink: FrameSink | null = null;
  const onAbort = () => {
    stop.abort();
    sink?.kill();
  };
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    sink = format === 'exr' ? await exrSink(options, staged.path) : await ffmpegSink(options, range, staged.path);
    if (stop.signal.aborted) throw abortError(); // cancelled while the sink was set up
    await pumpFrames(sink, options, range, stop);
    await sink.finish();
    await staged.commit();
    return { outputPath, frames: rangeLength(range) };
  } catch (err) {
    stop.abort();
    sink?.kill();
    await staged.discard();
    throw signal?.aborted ? abortError() : err;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

function checkedRange({ source, range = wholeClip(source.frameCount) }: ExportOptions): FrameRange {
  const valid = (n: number) => Number.isInteger(n) && n >= 0 && n < source.frameCount;
  if (!valid(range.start) || !valid(range.end) || range.end < range.start) {
    throw new RangeError(`Export range ${formatRange(range)} is not within frames 0 to ${source.frameCount - 1} of ${source.path}`);
  }
  return range;
}

/** Renders frame n+1 while frame n is written, and never more than that ahead (the writer's pace is the limit). */
async function pumpFrames(sink: FrameSink, options: ExportOptions, range: FrameRange, stop: AbortController): Promise<void> {
  const total = rangeLength(range);
  const render = (index: number) => options.renderFrame(index, stop.signal).then((frame) => sink.encode(index, checkedSize(options, index, frame)));
  let next = render(range.start);
  try {
    for (let index = range.start; index <= range.end; index++) {
      const pixels = await next;
      if (index < range.end) {
        next = render(index + 1);
        next.catch(() => {}); // awaited on the next turn; a failure meanwhile must not go unhandled
      }
      if (stop.signal.aborted) throw abortError();
      await sink.write(index, pixels);
      options.onProgress?.(index - range.start + 1, total);
    }
  } finally {
    // Leave no render running after the export settles.
    stop.abort();
    await next.catch(() => {});
  }
}

function checkedSize(options: ExportOptions, index: number, frame: RenderedFrame): RenderedFrame {
  const { width, height } = options.source;
  const pictures = [['image', frame.image], ['matte', frame.alpha], ...(frame.layers ?? []).map((l) => [`${l.name} matte`, l.alpha] as const)] as const;
  for (const [what, picture] of pictures) {
    if (picture.width !== width || picture.height !== height) {
      throw new RangeError(`Frame ${index} came back with a ${picture.width}x${picture.height} ${what}; the export is ${width}x${height}`);
    }
  }
  return frame;
}

/** ffmpeg fed raw frames: RGBA (the estimated foreground colour) or the grey matte. */
async function ffmpegSink(options: ExportOptions, range: FrameRange, stagedPath: string): Promise<FrameSink> {
  const encoder = new ToolProcess(ffmpegPath, await encoderArgs(options, range, stagedPath), `Export to ${options.outputPath} failed`);
  const alphaMode = options.alphaMode ?? defaultAlphaMode(options.format);
  return {
    encode: async (_, { image, alpha, decontamination }) => (isGreyFormat(options.format) ? alpha.data : withAlpha(image, alpha, alphaMode, decontamination)),
    write: (_, bytes) => encoder.write(bytes),
    finish: () => encoder.finish(),
    kill: () => encoder.kill(),
  };
}

/** An OpenEXR file per frame, named like the PNG frames; each is whole once written, and the folder is committed only at the end. */
async function exrSink(options: ExportOptions, folder: string): Promise<FrameSink> {
  const { source } = options;
  const { compression, objectColour } = { ...EXR_DEFAULTS, ...options.exr };
  const settings: ExrFrameSettings = {
    source,
    colour: exrColour(source.kind, (await sourceDetails(source)).colour),
    alphaMode: options.alphaMode ?? defaultAlphaMode('exr'),
    objectColour,
  };
  return {
    encode: (index, { image, alpha, layers = [], decontamination }) => encodeExr(exrFrame(index, { image, alpha, decontamination }, layers, settings), compression),
    write: (index, bytes) =>
      writeFile(join(folder, `${frameStem(source, 'exr')}_${String(index).padStart(frameDigits(source), '0')}.exr`), bytes).catch((err: Error) => {
        throw new MediaError(`Export to ${options.outputPath} failed: ${err.message}`, 'export-failed');
      }),
    finish: async () => {},
    kill: () => {},
  };
}

async function encoderArgs(options: ExportOptions, range: FrameRange, stagedPath: string): Promise<string[]> {
  const { source, format } = options;
  const rawInput = [
    '-f',
    'rawvideo',
    '-pix_fmt',
    isGreyFormat(format) ? 'gray' : 'rgba',
    '-s',
    `${source.width}x${source.height}`,
    '-framerate',
    formatRational(source.fps),
    '-i',
    'pipe:0',
  ];
  const common = ['-v', 'error', '-nostdin', '-y'];
  if (isGreyFormat(format)) {
    return [...common, ...rawInput, '-map', '0:v', '-c:v', 'png', '-pix_fmt', 'gray', '-start_number', String(range.start), '-f', 'image2', pngPattern(source, format, stagedPath)];
  }
  const colour = movieColour(await sourceDetails(source));
  if (format === 'png') {
    // Tags on the raw input reach the frames, from which the PNG encoder writes cHRM (the primaries), and sRGB
    // and gAMA for an sRGB source only: a video's camera curve is no PNG gamma, so its code values are left untagged.
    const tags = ['-color_primaries', colour.primaries, ...(colour.transfer === 'iec61966-2-1' ? ['-color_trc', colour.transfer] : [])];
    return [
      ...common,
      ...tags,
      ...rawInput,
      '-map',
      '0:v',
      '-c:v',
      'png',
      '-pix_fmt',
      'rgba',
      '-start_number',
      String(range.start),
      '-f',
      'image2',
      pngPattern(source, format, stagedPath),
    ];
  }
  const timecode = source.timecode ? ['-timecode', addFrames(source.timecode, range.start, source.fps)] : [];
  return [
    ...common,
    ...rawInput,
    ...(await audioArgs(source, range)),
    // The matrix must be set where RGB becomes YCbCr (ffmpeg's automatic conversion would use BT.601), and be the one tagged.
    '-vf',
    `scale=out_color_matrix=${colour.scaleMatrix}:out_range=tv,format=yuva444p10le`,
    '-c:v',
    'prores_ks',
    '-profile:v',
    '4444',
    '-pix_fmt',
    'yuva444p10le',
    '-alpha_bits',
    '16',
    '-vendor',
    'apl0',
    '-color_primaries',
    colour.primaries,
    '-color_trc',
    colour.transfer,
    '-colorspace',
    colour.matrix,
    '-color_range',
    'tv',
    '-movflags',
    '+write_colr',
    ...timecode,
    '-f',
    'mov',
    stagedPath,
  ];
}

/** Files are numbered by source frame, so a range lines up with the clip. */
function pngPattern(source: MediaInfo, format: ExportFormat, folder: string): string {
  return join(folder, `${frameStem(source, format).replaceAll('%', '%%')}_%0${frameDigits(source)}d.png`);
}

/** Tags ffmpeg can write (ffprobe's names): the decoded code values are the source's, so its tags still describe them. */
const PRIMARIES = ['bt709', 'bt470m', 'bt470bg', 'smpte170m', 'smpte240m', 'film', 'bt2020', 'smpte428', 'smpte431', 'smpte432'];
const TRANSFERS = ['bt709', 'gamma22', 'gamma28', 'smpte170m', 'smpte240m', 'linear', 'iec61966-2-1', 'bt2020-10', 'bt2020-12', 'smpte2084', 'arib-std-b67'];
/** The source's YCbCr matrix as scale's out_color_matrix and as the -colorspace tag; RGB sources get BT.709. */
const MATRICES = { bt709: ['bt709', 'bt709'], bt601: ['bt601', 'smpte170m'], bt2020: ['bt2020', 'bt2020nc'] } as const;

/** What an export says its colour is: the source's primaries, transfer and matrix, BT.709 where it says none (or one ffmpeg cannot write). */
function movieColour(details: SourceDetails): { primaries: string; transfer: string; matrix: string; scaleMatrix: string } {
  const { primaries, transfer } = details.colour;
  const [scaleMatrix, matrix] = MATRICES[details.yuv?.matrix ?? 'bt709'];
  return {
    primaries: primaries && PRIMARIES.includes(primaries) ? primaries : 'bt709',
    transfer: transfer && TRANSFERS.includes(transfer) ? transfer : 'bt709',
    matrix,
    scaleMatrix,
  };
}

/** The source's audio for the exported frames' time span, copied when a .mov can hold it as is. */
async function audioArgs(source: MediaInfo, range: FrameRange): Promise<string[]> {
  if (!source.hasAudio) return ['-map', '0:v'];
  const details = await sourceDetails(source);
  const time = toTimeRange(range, source.fps);
  // The first frame's time as ffmpeg's -ss counts it (from the file's start) where the probe has it.
  const start = details.frameTimes[range.start] ?? rationalValue(time.start);
  const duration = rationalValue(time.duration);
  const copyable = /^(aac|alac|mp3|ac3|pcm_)/.test(details.audioCodec ?? '');
  return ['-ss', start.toFixed(6), '-t', duration.toFixed(6), '-i', source.path, '-map', '0:v', '-map', '1:a:0', '-c:a', copyable ? 'copy' : 'pcm_s24le'];
}

/** The name exported frames start with: the clip's file name, or a sequence's name before its number (else its folder's). */
export function exportBaseName(source: MediaInfo): string {
  if (source.kind !== 'sequence' || !source.sequencePattern) return basename(source.path, extname(source.path));
  const prefix = basename(source.sequencePattern)
    .replace(/%(0\d+)?d[^%]*$/, '')
    .replaceAll('%%', '%')
    .replace(/[\s._-]+$/, '');
  return prefix || basename(dirname(source.path));
}

/** What exported frame files are named before their number (the source frame's, so a range lines up with the clip). */
function frameStem(source: MediaInfo, format: ExportFormat): string {
  return `${exportBaseName(source)}${isGreyFormat(format) ? `_${format}` : ''}`;
}

/** Zero padding of exported frame numbers: five digits, more for longer clips. */
function frameDigits(source: MediaInfo): number {
  return Math.max(5, String(source.frameCount - 1).length);
}
