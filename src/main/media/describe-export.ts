/** What an exported file holds, read back with ffprobe/ffmpeg: for the demo's report and for tests. */
import type { GrayImage } from '../../shared/media';
import { ffmpegPath, ffprobePath, runTool } from './ffmpeg';

export interface ExportFacts {
  codec: string;
  profile: string;
  pixelFormat: string;
  width: number;
  height: number;
  /** As ffprobe writes it, e.g. "30000/1001". */
  fps: string;
  frameCount: number;
  timecode: string | null;
  audioCodec: string | null;
}

interface ProbeStream {
  codec_type: string;
  codec_name: string;
  profile?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  r_frame_rate?: string;
  nb_read_frames?: string;
  tags?: { timecode?: string };
}

export async function describeExport(path: string): Promise<ExportFacts> {
  const json = await runTool(ffprobePath, ['-v', 'error', '-count_frames', '-show_streams', '-show_format', '-of', 'json', path]);
  const probe = JSON.parse(json.toString()) as { streams: ProbeStream[]; format: { tags?: { timecode?: string } } };
  const video = probe.streams.find((s) => s.codec_type === 'video');
  if (!video) throw new Error(`${path} has no video stream`);
  const audio = probe.streams.find((s) => s.codec_type === 'audio');
  const timecode = probe.streams.find((s) => s.tags?.timecode)?.tags?.timecode ?? probe.format.tags?.timecode ?? null;
  return {
    codec: video.codec_name,
    profile: video.profile ?? '',
    pixelFormat: video.pix_fmt ?? '',
    width: video.width ?? 0,
    height: video.height ?? 0,
    fps: video.r_frame_rate ?? '',
    frameCount: Number(video.nb_read_frames ?? 0),
    timecode,
    audioCodec: audio?.codec_name ?? null,
  };
}

/** Every frame's alpha plane, decoded to 8 bits. */
export async function readAlphaFrames(path: string, width: number, height: number): Promise<GrayImage[]> {
  const raw = await runTool(ffmpegPath, ['-v', 'error', '-i', path, '-vf', 'alphaextract', '-pix_fmt', 'gray', '-f', 'rawvideo', 'pipe:1']);
  const size = width * height;
  const frames: GrayImage[] = [];
  for (let offset = 0; offset + size <= raw.length; offset += size) frames.push({ width, height, data: new Uint8Array(raw.subarray(offset, offset + size)) });
  return frames;
}
