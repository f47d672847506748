/** Still images (PNG, JPEG, ...) read and written through ffmpeg, so every format it knows works. */
import type { GrayImage, RgbaImage } from '../../shared/media';
import { ffprobePath, ffmpegPath, MediaError, reasonAbout, runTool } from './ffmpeg';

async function imageSize(path: string): Promise<{ width: number; height: number }> {
  const json = await runTool(ffprobePath, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'json', path]).catch((err: Error) => {
    throw new MediaError(`Cannot read image ${path}: ${reasonAbout(path, err)}`);
  });
  const stream = (JSON.parse(json.toString()) as { streams?: Array<{ width?: number; height?: number }> }).streams?.[0];
  if (!stream?.width || !stream.height) throw new MediaError(`Cannot read image ${path}: no picture in it`);
  return { width: stream.width, height: stream.height };
}

async function readPixels(path: string, pixFmt: 'rgba' | 'gray', channels: number): Promise<{ width: number; height: number; data: Uint8Array }> {
  const { width, height } = await imageSize(path);
  const raw = await runTool(ffmpegPath, ['-v', 'error', '-i', path, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', pixFmt, 'pipe:1']);
  if (raw.length !== width * height * channels) throw new MediaError(`Cannot read image ${path}: decoded ${raw.length} bytes, expected ${width * height * channels}`);
  return { width, height, data: new Uint8Array(raw.buffer, raw.byteOffset, raw.length) };
}

export function readImageRgba(path: string): Promise<RgbaImage> {
  return readPixels(path, 'rgba', 4);
}

/** One channel: the luma of a colour image, the value of a grey one (masks, trimaps, alpha). */
export function readImageGray(path: string): Promise<GrayImage> {
  return readPixels(path, 'gray', 1);
}

export async function writePng(path: string, image: RgbaImage | GrayImage): Promise<void> {
  const channels = image.data.length / (image.width * image.height);
  const pixFmt = channels === 4 ? 'rgba' : 'gray';
  await runTool(
    ffmpegPath,
    ['-v', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', pixFmt, '-s', `${image.width}x${image.height}`, '-i', 'pipe:0', '-frames:v', '1', '-c:v', 'png', path],
    { stdin: image.data },
  );
}
