/** What a video file, a still image or an image sequence holds, with an exact frame rate and frame count. */
import { constants } from 'node:fs';
import { access, readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { framesToSeconds, parseRational } from '../../shared/common/rational';
import { timecodeToFrames } from '../../shared/common/timecode';
import type { MediaInfo, Rational } from '../../shared/media';
import { ffprobePath, MediaError, reasonAbout, runTool } from './ffmpeg';
import { longestSequence, sequenceAround, sequenceFileName, sequencePattern, type ImageSequence } from './image-sequence';

export interface ProbeOptions {
  /** Frame rate of image sequences (and stills), which carry none; 24 fps when omitted. */
  sequenceFps?: Rational;
}

export type YuvMatrix = 'bt709' | 'bt601' | 'bt2020';

/** What decoding needs beyond MediaInfo; kept out of the shared type, which travels to the renderer. */
export interface SourceDetails {
  /** The stream ffmpeg should decode (its absolute index). */
  streamIndex: number;
  /** Each frame's time in display order, in seconds as ffmpeg's input -ss counts them (from the file's start); empty unless a video. */
  frameTimes: number[];
  /** Frames a decoder can start from, ascending; every frame of a sequence or still. */
  keyframes: number[] | 'all';
  /** How to turn the decoded YCbCr into RGB; null when the source is RGB or its own format says (JPEG). */
  yuv: { matrix: YuvMatrix; fullRange: boolean } | null;
  /** The picture's colour tags as ffprobe names them (e.g. bt709, iec61966-2-1); null where it carries none. */
  colour: { primaries: string | null; transfer: string | null };
  audioCodec: string | null;
}

const DEFAULT_SEQUENCE_FPS: Rational = { num: 24, den: 1 };

interface ProbeStream {
  index: number;
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  pix_fmt?: string;
  color_space?: string;
  color_range?: string;
  color_primaries?: string;
  color_transfer?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  time_base?: string;
  disposition?: { attached_pic?: number };
  tags?: Record<string, string>;
  side_data_list?: Array<{ rotation?: number }>;
}

interface ProbeResult {
  streams?: ProbeStream[];
  format?: { format_name?: string; start_time?: string; tags?: Record<string, string> };
}

const details = new WeakMap<MediaInfo, SourceDetails>();

/** The decoding details of probed media (probing again if `info` did not come from probeMedia, e.g. a copy). */
export async function sourceDetails(info: MediaInfo): Promise<SourceDetails> {
  const known = details.get(info);
  if (known) return known;
  const probed = await probeMedia(info.path, { sequenceFps: info.fps });
  return details.get(probed)!;
}

export async function probeMedia(path: string, options: ProbeOptions = {}): Promise<MediaInfo> {
  const absolute = resolve(path);
  const fail = (reason: string) => new MediaError(`Cannot open ${absolute}: ${reason}`);
  const stats = await stat(absolute).catch(() => {
    throw new MediaError(`Cannot open ${absolute}: no such file or folder`, 'media-missing', { mediaPath: absolute });
  });
  await access(absolute, constants.R_OK).catch(() => {
    throw fail('permission denied');
  });
  const fps = options.sequenceFps ?? DEFAULT_SEQUENCE_FPS;
  if (stats.isDirectory()) {
    const sequence = longestSequence(await readdir(absolute));
    if (!sequence) throw fail('the folder holds no numbered images');
    return probeSequence(absolute, sequence, fps, fail);
  }
  if (stats.size === 0) throw fail('the file is empty');
  const probed = await ffprobe(absolute, fail);
  if (isImageFormat(probed)) {
    const sequence = sequenceAround(basename(absolute), await readdir(dirname(absolute)));
    if (sequence && sequence.count > 1) return probeSequence(dirname(absolute), sequence, fps, fail);
    return remember(stillInfo(absolute, videoStream(probed, fail), 'image', fps, 1), stillDetails(probed, fail));
  }
  return probeVideo(absolute, probed, fail);
}

async function ffprobe(path: string, fail: (reason: string) => MediaError): Promise<ProbeResult> {
  const json = await runTool(ffprobePath, ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path]).catch((err: Error) => {
    throw fail(`not a video or image ffmpeg can read (${reasonAbout(path, err)})`);
  });
  return JSON.parse(json.toString()) as ProbeResult;
}

function isImageFormat(probed: ProbeResult): boolean {
  const format = probed.format?.format_name ?? '';
  return format === 'image2' || format.endsWith('_pipe');
}

function videoStream(probed: ProbeResult, fail: (reason: string) => MediaError): ProbeStream & { width: number; height: number } {
  const stream = probed.streams?.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!stream) throw fail('it has no video stream');
  if (!stream.width || !stream.height) throw fail('its picture size is unknown');
  return { ...stream, width: stream.width, height: stream.height };
}

function remember(info: MediaInfo, sourceDetails: SourceDetails): MediaInfo {
  details.set(info, sourceDetails);
  return info;
}

function stillInfo(path: string, stream: ProbeStream & { width: number; height: number }, kind: 'image' | 'sequence', fps: Rational, frameCount: number): MediaInfo {
  return {
    path,
    kind,
    width: stream.width,
    height: stream.height,
    fps,
    frameCount,
    duration: framesToSeconds(frameCount, fps),
    timecode: null,
    hasAudio: false,
    videoCodec: stream.codec_name ?? 'unknown',
    sequencePattern: null,
    sequenceStart: 0,
  };
}

function stillDetails(probed: ProbeResult, fail: (reason: string) => MediaError): SourceDetails {
  const stream = videoStream(probed, fail);
  return { streamIndex: stream.index, frameTimes: [], keyframes: 'all', yuv: null, colour: colourTags(stream), audioCodec: null };
}

async function probeSequence(folder: string, sequence: ImageSequence, fps: Rational, fail: (reason: string) => MediaError): Promise<MediaInfo> {
  const first = join(folder, sequenceFileName(sequence, sequence.start));
  const probed = await ffprobe(first, fail);
  const info = stillInfo(first, videoStream(probed, fail), 'sequence', fps, sequence.count);
  return remember({ ...info, sequencePattern: join(folder, sequencePattern(sequence)), sequenceStart: sequence.start }, stillDetails(probed, fail));
}

async function probeVideo(path: string, probed: ProbeResult, fail: (reason: string) => MediaError): Promise<MediaInfo> {
  const stream = videoStream(probed, fail);
  const fps = frameRate(stream);
  if (!fps) throw fail('its frame rate is unknown');
  const packets = await listPackets(path, stream, fail);
  if (packets.length === 0) throw fail('it has no video frames');
  const formatStart = Number(probed.format?.start_time ?? 0) || 0;
  const timeBase = parseRational(stream.time_base) ?? { num: 1, den: 1 };
  const frameTimes = packets.map((p) => (p.ticks * timeBase.num) / timeBase.den - formatStart).sort((a, b) => a - b);
  const keyTimes = new Set(packets.filter((p) => p.key).map((p) => (p.ticks * timeBase.num) / timeBase.den - formatStart));
  const keyframes = frameTimes.flatMap((time, index) => (keyTimes.has(time) ? [index] : []));
  const rotated = Math.abs(rotation(stream)) % 180 === 90; // ffmpeg turns such frames upright
  const audio = probed.streams?.find((s) => s.codec_type === 'audio');
  const frameCount = frameTimes.length;
  const info: MediaInfo = {
    path,
    kind: 'video',
    width: rotated ? stream.height : stream.width,
    height: rotated ? stream.width : stream.height,
    fps,
    frameCount,
    // The last frame lasts one frame period, as in a constant-rate clip.
    duration: frameTimes[frameCount - 1] - frameTimes[0] + framesToSeconds(1, fps),
    timecode: validTimecode(sourceTimecode(probed, stream), fps),
    hasAudio: Boolean(audio),
    videoCodec: stream.codec_name ?? 'unknown',
    sequencePattern: null,
    sequenceStart: 0,
  };
  return remember(info, { streamIndex: stream.index, frameTimes, keyframes, yuv: yuvConversion(stream), colour: colourTags(stream), audioCodec: audio?.codec_name ?? null });
}

/**
 * r_frame_rate is the rate timestamps are built on (exact for constant-rate video); when it is
 * far above the average, the video is variable-rate and the average is the better guess.
 */
function frameRate(stream: ProbeStream): Rational | null {
  const real = parseRational(stream.r_frame_rate);
  const average = parseRational(stream.avg_frame_rate);
  if (real && average && real.num / real.den > 1.5 * (average.num / average.den)) return average;
  return real ?? average;
}

interface Packet {
  /** Presentation time in time-base units (decode time when the container has none). */
  ticks: number;
  key: boolean;
}

/** Every packet of the stream that decodes to a shown frame: the exact frame count, whatever the header claims. */
async function listPackets(path: string, stream: ProbeStream, fail: (reason: string) => MediaError): Promise<Packet[]> {
  const csv = await runTool(ffprobePath, ['-v', 'error', '-select_streams', String(stream.index), '-show_entries', 'packet=pts,dts,flags', '-of', 'csv=p=0', path]).catch(
    (err: Error) => {
      throw fail(`cannot read its video packets (${err.message})`);
    },
  );
  const packets: Packet[] = [];
  for (const line of csv.toString().split('\n')) {
    const [pts, dts, flags = ''] = line.trim().split(',');
    // 'D': a packet the demuxer discards (edit lists, encoder priming); it never becomes a frame.
    if (!line.trim() || flags.includes('D')) continue;
    const ticks = Number(pts === 'N/A' ? dts : pts);
    packets.push({ ticks: Number.isFinite(ticks) ? ticks : packets.length, key: flags.includes('K') });
  }
  return packets;
}

function rotation(stream: ProbeStream): number {
  const fromSideData = stream.side_data_list?.find((d) => typeof d.rotation === 'number')?.rotation;
  return fromSideData ?? (Number(stream.tags?.rotate) || 0);
}

/** The first frame's timecode: the video stream's, then any stream's (a tmcd track), then the file's. */
function sourceTimecode(probed: ProbeResult, stream: ProbeStream): string | undefined {
  return stream.tags?.timecode ?? probed.streams?.find((s) => s.tags?.timecode)?.tags?.timecode ?? probed.format?.tags?.timecode;
}

function validTimecode(timecode: string | undefined, fps: Rational): string | null {
  if (!timecode) return null;
  try {
    timecodeToFrames(timecode, fps);
    return timecode;
  } catch {
    return null; // a label we cannot continue is worse than none
  }
}

/** Untagged video is BT.709 in HD and larger, BT.601 below, as players assume. */
function yuvConversion(stream: ProbeStream & { height: number }): SourceDetails['yuv'] {
  const format = stream.pix_fmt ?? '';
  // RGB, grey and palette formats need no matrix; full-range JPEG ('yuvj') formats carry their own.
  if (format.startsWith('yuvj') || !/^(yuv|nv|p0)/.test(format)) return null;
  const space = stream.color_space ?? '';
  const matrix: YuvMatrix = space.startsWith('bt2020')
    ? 'bt2020'
    : space === 'bt709'
      ? 'bt709'
      : /^(bt470bg|smpte170m|bt601)/.test(space)
        ? 'bt601'
        : stream.height >= 720
          ? 'bt709'
          : 'bt601';
  return { matrix, fullRange: stream.color_range === 'pc' };
}

function colourTags(stream: ProbeStream): SourceDetails['colour'] {
  const tag = (value: string | undefined) => (value && !['unknown', 'unspecified', 'reserved'].includes(value) ? value : null);
  return { primaries: tag(stream.color_primaries), transfer: tag(stream.color_transfer) };
}
