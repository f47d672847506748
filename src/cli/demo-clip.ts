/**
 * A generated demo clip with known truth: a striped disc with a soft edge travels over a moving
 * colour field, with a tone for audio, NTSC frame rate and a start timecode, so the whole path
 * (rational fps, audio copy, timecode) is exercised and the tracked matte can be scored.
 */
import type { GrayImage, RgbaImage } from '../shared/media';
import { ffmpegPath, runTool } from '../main/media/ffmpeg';

export const DEMO = {
  width: 640,
  height: 360,
  frames: 48,
  fps: '30000/1001',
  timecode: '01:00:00;00',
  radius: 56,
} as const;

/** Centre of the disc on a frame: left to right with a gentle bob. */
export function demoCentre(frame: number): { x: number; y: number } {
  const t = frame / (DEMO.frames - 1);
  return { x: 140 + 360 * t, y: 180 + 50 * Math.sin(t * Math.PI * 2) };
}

/** Exact coverage of the disc, anti-aliased over one pixel. */
export function demoAlpha(frame: number): GrayImage {
  const { width, height, radius } = DEMO;
  const { x: cx, y: cy } = demoCentre(frame);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const d = Math.hypot(x + 0.5 - cx, y + 0.5 - cy);
      data[y * width + x] = Math.round(255 * Math.min(1, Math.max(0, radius + 0.5 - d)));
    }
  }
  return { width, height, data };
}

export function demoFrame(frame: number): RgbaImage {
  const { width, height } = DEMO;
  const alpha = demoAlpha(frame).data;
  const { x: cx, y: cy } = demoCentre(frame);
  const data = new Uint8Array(width * height * 4);
  const pan = frame * 3;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      // Background: slow blue-green waves that pan, so the scene is not static.
      const bg = [60 + 40 * Math.sin((x + pan) / 37) * Math.cos(y / 53), 110 + 50 * Math.sin((x - pan) / 71 + y / 41), 150 + 60 * Math.cos((x + y + pan) / 59)];
      // Subject: warm stripes that turn with the disc.
      const stripe = Math.sin(((x - cx) * 0.8 + (y - cy) * 0.6) / 6 + frame * 0.2) > 0;
      const fg = stripe ? [235, 150, 40] : [200, 60, 50];
      const a = alpha[i] / 255;
      for (let c = 0; c < 3; c++) data[i * 4 + c] = Math.round(fg[c] * a + bg[c] * (1 - a));
      data[i * 4 + 3] = 255;
    }
  }
  return { width, height, data };
}

/** Writes the clip (H.264 + AAC tone) and returns its path. */
export async function writeDemoClip(path: string): Promise<string> {
  const { width, height, frames, fps, timecode } = DEMO;
  const raw = new Uint8Array(width * height * 4 * frames);
  for (let f = 0; f < frames; f++) raw.set(demoFrame(f).data, f * width * height * 4);
  await runTool(
    ffmpegPath,
    [
      ...['-v', 'error', '-y'],
      ...['-f', 'rawvideo', '-pix_fmt', 'rgba', '-s', `${width}x${height}`, '-framerate', fps, '-i', 'pipe:0'],
      ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'],
      ...['-map', '0:v', '-map', '1:a', '-shortest'],
      ...['-c:v', 'libx264', '-preset', 'veryfast', '-crf', '14', '-g', '12', '-pix_fmt', 'yuv420p'],
      ...['-c:a', 'aac', '-b:a', '96k', '-timecode', timecode, path],
    ],
    { stdin: raw },
  );
  return path;
}
