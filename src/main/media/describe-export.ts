/** Facts about an exported movie as ffprobe reads them back, and its decoded alpha: for checks and reports. */
import type { GrayImage } from '../../shared/media';
import { ffmpegPath, ffprobePath, MediaError, runTool } from './ffmpeg';

export interface ExportFacts {
  codec: string;
  /** e.g. "4444" for ProRes 4444. */
  profile: string | null;
  pixelFormat: string;
  width: number;
  height: number;
  /** The exact rate as ffprobe writes it, e.g. "30000/1001". */
  fps: string;
  /** Counted, not taken from the header. */
  frameCount: number;
  timecode: string | null;
  audioCodec: string | null;
  colorSpace: string | null;
  colorPrimaries: string | null;
  colorTransfer: string | null;
}

interface FactsStream {
  codec_type?: string;
  codec_name?: string;
  profile?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  nb_read_packets?: string;
  color_space?: string;
  color_primaries?: string;
  color_transfer?: string;
  tags?: Record<string, string>;
}

export async function describeExport(path: string): Promise<ExportFacts> {
  const json = await runTool(ffprobePath, ['-v', 'error', '-count_packets', '-show_streams', '-show_format', '-of', 'json', path]);
  const probed = JSON.parse(json.toString()) as { streams?: FactsStream[]; format?: { tags?: Record<string, string> } };
  const streams = probed.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video');
  if (!video) throw new MediaError(`${path} has no video stream`);
  return {
    codec: video.codec_name ?? 'unknown',
    profile: video.profile ?? null,
    pixelFormat: video.pix_fmt ?? 'unknown',
    width: video.width ?? 0,
    height: video.height ?? 0,
    fps: video.r_frame_rate ?? 'unknown',
    frameCount: Number(video.nb_read_packets ?? 0),
    timecode: video.tags?.timecode ?? streams.find((s) => s.tags?.timecode)?.tags?.timecode ?? probed.format?.tags?.timecode ?? null,
    audioCodec: streams.find((s) => s.codec_type === 'audio')?.codec_name ?? null,
    colorSpace: video.color_space ?? null,
    colorPrimaries: video.color_primaries ?? null,
    colorTransfer: video.color_transfer ?? null,
  };
}

/** Every frame's alpha channel at 8 bits. */
export async function readAlphaFrames(path: string, width: number, height: number): Promise<GrayImage[]> {
  const rgba = await runTool(ffmpegPath, ['-v', 'error', '-nostdin', '-i', path, '-map', '0:v:0', '-vsync', 'passthrough', '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1']);
  const pixels = width * height;
  if (rgba.length % (pixels * 4) !== 0) throw new MediaError(`${path}: decoded frames are not ${width}x${height}`);
  return Array.from({ length: rgba.length / (pixels * 4) }, (_, f) => {
    const data = new Uint8Array(pixels);
    for (let p = 0, i = f * pixels * 4 + 3; p < pixels; p++, i += 4) data[p] = rgba[i];
    return { width, height, data };
  });
}
