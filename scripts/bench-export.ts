/**
 * Export speed: N generated 1080p frames through FrameReader + exportMatte to ProRes 4444,
 * against bare ffmpeg encoding the same RGBA + matte frames (from a raw file) to the same format,
 * and bare ffmpeg straight from the source clip (opaque alpha, the cheapest case).
 * Wall time is the best of two rounds; CPU time (this process and its ffmpeg children, Linux
 * only) is steadier on a shared machine.
 * Usage: npx tsx scripts/bench-export.ts [frames=60]
 */
import { open, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { GrayImage } from '../src/shared/media';
import { exportMatte } from '../src/main/media/encode';
import { withAlpha } from '../src/main/media/export-frame';
import { ffmpegPath, runTool } from '../src/main/media/ffmpeg';
import { FrameReader } from '../src/main/media/frame-reader';
import { probeMedia } from '../src/main/media/probe';
import { tempFolder } from '../src/main/media/test-media';

const WIDTH = 1920;
const HEIGHT = 1080;
const PRORES_4444 = ['-c:v', 'prores_ks', '-profile:v', '4444', '-pix_fmt', 'yuva444p10le'];

/**
 * A typical subject: an ellipse moving per frame with an 8 px soft edge, so that the semi-transparent
 * pixels (whose foreground colour export estimates) are an edge band, as in a real matte.
 */
function subjectMatte(shift: number): GrayImage {
  const data = new Uint8Array(WIDTH * HEIGHT);
  const [cx, cy, rx, ry] = [WIDTH / 2 + shift, HEIGHT / 2, WIDTH / 5, HEIGHT / 3];
  for (let y = 0; y < HEIGHT; y++) {
    for (let x = 0; x < WIDTH; x++) {
      // Distance outside the ellipse in pixels, roughly: (r − 1) times the smaller radius.
      const r = Math.hypot((x - cx) / rx, (y - cy) / ry);
      const outside = (r - 1) * Math.min(rx, ry);
      data[y * WIDTH + x] = Math.max(0, Math.min(255, Math.round(255 * (0.5 - outside / 8))));
    }
  }
  return { width: WIDTH, height: HEIGHT, data };
}

/** CPU seconds of this process and of its finished children (from /proc; null elsewhere). */
async function cpuSeconds(): Promise<number | null> {
  const stat = await readFile('/proc/self/stat', 'utf8').catch(() => null);
  if (!stat) return null;
  // Fields after the command name: utime stime cutime cstime are 14-17 (1-based), in clock ticks (100 Hz on Linux).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return fields.slice(11, 15).reduce((sum, ticks) => sum + Number(ticks), 0) / 100;
}

interface Timing {
  wall: number;
  cpu: number | null;
}

async function timed(run: () => Promise<unknown>): Promise<Timing> {
  const [cpuBefore, start] = [await cpuSeconds(), performance.now()];
  await run();
  const [wall, cpuAfter] = [(performance.now() - start) / 1000, await cpuSeconds()];
  return { wall, cpu: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore };
}

async function main(): Promise<void> {
  const frames = Number(process.argv[2] ?? 60);
  if (!Number.isInteger(frames) || frames < 1) throw new Error('Give the number of frames as a positive integer.');
  const { dir, remove } = await tempFolder('bench-export');
  try {
    const sourcePath = join(dir, 'source.mp4');
    console.log(`Generating ${frames} frames of ${WIDTH}x${HEIGHT} at 30000/1001 fps (H.264 with AAC audio)...`);
    await runTool(ffmpegPath, [
      '-v',
      'error',
      '-f',
      'lavfi',
      '-i',
      `testsrc2=s=${WIDTH}x${HEIGHT}:r=30000/1001`,
      '-f',
      'lavfi',
      '-i',
      'sine=f=440',
      '-frames:v',
      String(frames),
      '-shortest',
      '-c:v',
      'libx264',
      '-preset',
      'veryfast',
      '-crf',
      '18',
      '-g',
      '30',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      sourcePath,
    ]);
    const source = await probeMedia(sourcePath);
    const mattes = [subjectMatte(0), subjectMatte(24)];

    // The exact frames the export encodes, for bare ffmpeg to encode from a file.
    const rawPath = join(dir, 'frames.rgba');
    const raw = await open(rawPath, 'w');
    const dumpReader = new FrameReader(source, { cacheBytes: 0 });
    for (let i = 0; i < frames; i++) await raw.write(withAlpha(await dumpReader.getFrame(i), mattes[i % 2], 'straight'));
    dumpReader.close();
    await raw.close();

    const runs: Record<string, () => Promise<unknown>> = {
      'exportMatte (decode + matte + ProRes 4444 + audio)': async () => {
        const reader = new FrameReader(source, { cacheBytes: 0 });
        await exportMatte({
          source,
          format: 'prores4444',
          outputPath: join(dir, 'export.mov'),
          renderFrame: async (index, signal) => ({ image: await reader.getFrame(index, signal), alpha: mattes[index % 2] }),
        }).finally(() => reader.close());
      },
      'bare ffmpeg, same RGBA + matte frames from a file': () =>
        runTool(ffmpegPath, [
          '-v',
          'error',
          '-y',
          '-f',
          'rawvideo',
          '-pix_fmt',
          'rgba',
          '-s',
          `${WIDTH}x${HEIGHT}`,
          '-framerate',
          '30000/1001',
          '-i',
          rawPath,
          ...PRORES_4444,
          '-f',
          'mov',
          join(dir, 'bare-raw.mov'),
        ]),
      'bare ffmpeg from the H.264 clip (opaque alpha)': () =>
        runTool(ffmpegPath, ['-v', 'error', '-y', '-i', sourcePath, '-an', ...PRORES_4444, '-f', 'mov', join(dir, 'bare-clip.mov')]),
    };
    const best = new Map<string, Timing>();
    for (let round = 0; round < 2; round++) {
      for (const [name, run] of Object.entries(runs)) {
        const timing = await timed(run);
        const previous = best.get(name);
        if (!previous || timing.wall < previous.wall) best.set(name, timing);
      }
    }

    const [ours, bareSame] = [...best.values()];
    console.log(`\n${frames} frames ${WIDTH}x${HEIGHT}:`);
    for (const [name, { wall, cpu }] of best) {
      const cpuText = cpu === null ? '' : `, ${((cpu / frames) * 1000).toFixed(0)} ms CPU/frame`;
      console.log(`  ${name.padEnd(52)} ${(frames / wall).toFixed(1).padStart(6)} fps${cpuText}`);
    }
    console.log(`  exportMatte speed / bare ffmpeg on the same frames: ${(bareSame.wall / ours.wall).toFixed(2)} (wall)`);
    if (ours.cpu !== null && bareSame.cpu !== null) console.log(`  bare ffmpeg CPU / exportMatte CPU:                 ${(bareSame.cpu / ours.cpu).toFixed(2)}`);
  } finally {
    await remove();
  }
}

main().catch((err: Error) => {
  console.error(`bench-export failed: ${err.message}`);
  process.exit(1);
});
