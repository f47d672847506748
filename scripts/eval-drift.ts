/**
 * Does the drift strip flag the frames where a track goes wrong? Tracks shared clips through the app's
 * StudioService (as `render` does) from one click on frame 0, forward, prints each frame's doubt and the
 * sign behind it, and a table of the bad spans caught or missed and of false alarms.
 *
 * The bad spans were found by looking at the tracked masks (`--overlays DIR` writes each frame with its
 * mask tinted, to look again) with the classic tracker, the one that runs here (no SAM 2.1 weights):
 * 02_cups, the middle cup: at each crossing of two cups the track moves onto the other cup (an
 * identity switch; from the switch on the mask follows the wrong cup, which no per-frame sign can
 * see, so a span is the crossing, where a correction belongs); bedroom, the girl: the mask leaks onto
 * the boy, then a piece of it stays on the curtain. A span is caught when one of its frames is drifted
 * (the strip marks it and `.` stops there); a drifted frame outside every span is a false alarm.
 * Usage: npx tsx scripts/eval-drift.ts [--clips cups,bedroom] [--overlays DIR] [--frames]
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { FrameStat } from '../src/shared/engine-info';
import type { GrayImage, RgbaImage } from '../src/shared/media';
import { follow, withService } from '../src/cli/render/headless-render';
import { writePng } from '../src/main/media/image-file';
import { requireSharedData, sharedData } from '../src/testing/paths';

interface Span {
  start: number;
  end: number;
  what: string;
}

interface Clip {
  name: string;
  path: string;
  object: string;
  /** The click on the object on frame 0, in source pixels (picked by looking at frame 0). */
  click: { x: number; y: number };
  bad: Span[];
}

const CLIPS: Clip[] = [
  {
    name: 'cups',
    path: sharedData('clips', '02_cups.mp4'),
    object: 'middle cup',
    click: { x: 655, y: 430 },
    bad: [
      { start: 55, end: 57, what: 'switch: onto the cup carried in front' },
      { start: 68, end: 71, what: 'switch: straddles both cups, then the front one' },
      { start: 99, end: 101, what: 'switch: leaks onto the front cup and hand, then takes it' },
      { start: 180, end: 182, what: 'switch: straddles, then the front cup' },
      { start: 248, end: 251, what: 'switch: jumps between cups twice' },
    ],
  },
  {
    name: 'bedroom',
    path: sharedData('bedroom', 'bedroom.mp4'),
    object: 'girl',
    click: { x: 395, y: 235 },
    bad: [
      { start: 116, end: 121, what: "leaks onto the boy's head, a piece stays on his shirt" },
      { start: 122, end: 138, what: 'that piece left on the curtain, shrinking' },
    ],
  },
];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** The frame with the mask tinted cyan over it (the mask scaled to the frame by nearest neighbour). */
function overlay(frame: RgbaImage, mask: GrayImage): RgbaImage {
  const data = frame.data.slice();
  for (let y = 0; y < frame.height; y++) {
    const my = Math.min(mask.height - 1, Math.floor((y * mask.height) / frame.height));
    for (let x = 0; x < frame.width; x++) {
      const mx = Math.min(mask.width - 1, Math.floor((x * mask.width) / frame.width));
      if (mask.data[my * mask.width + mx] < 128) continue;
      const i = 4 * (y * frame.width + x);
      data[i] >>= 1;
      data[i + 1] = (data[i + 1] + 255) >> 1;
      data[i + 2] = (data[i + 2] + 255) >> 1;
    }
  }
  return { ...frame, data };
}

async function track(clip: Clip, overlays: string | undefined): Promise<FrameStat[]> {
  return withService(async (service, waiter) => {
    const { mediaId, info, tracker } = await service.openMedia(clip.path);
    process.stdout.write(`\n${clip.name}: ${info.frameCount} frames, ${tracker?.name ?? 'unknown tracker'}, click ${clip.click.x},${clip.click.y} on the ${clip.object}\n`);
    const object = await service.createObject(mediaId, clip.object);
    await service.setPrompts(mediaId, object.objectId, 0, [{ kind: 'point', ...clip.click, positive: true }]);
    const job = await service.propagate(mediaId, { direction: 'forward', objectIds: [object.objectId] });
    await follow(waiter, job.jobId, process.stderr, 'Tracking');
    if (overlays) {
      const folder = join(overlays, clip.name);
      await mkdir(folder, { recursive: true });
      for (let f = 0; f < info.frameCount; f++) {
        const mask = await service.getMask(mediaId, object.objectId, f);
        if (mask) await writePng(join(folder, `${String(f).padStart(4, '0')}.png`), overlay(await service.getFrame(mediaId, f, 640), mask.mask));
      }
    }
    return service.getTrackStats(mediaId, object.objectId);
  });
}

/** The span's highest doubt and the sign behind it, e.g. "0.18 at 121 (shape)". */
function highest(stats: readonly FrameStat[], span: Span): string {
  const inSpan = stats.filter((s) => s.frame >= span.start && s.frame <= span.end);
  const top = inSpan.reduce((a, b) => (b.doubt > a.doubt ? b : a), inSpan[0]);
  return top ? `${top.doubt.toFixed(2)} at ${top.frame}${top.reason ? ` (${top.reason})` : ''}` : 'none (untracked)';
}

/** Caught spans, missed spans and false alarms of one clip, as table rows. */
function score(stats: readonly FrameStat[], bad: readonly Span[]): string[] {
  const drifted = stats.filter((s) => s.drifted);
  const inside = (f: number) => bad.some((b) => f >= b.start && f <= b.end);
  const rows = bad.map((b) => {
    const hits = drifted.filter((s) => s.frame >= b.start && s.frame <= b.end);
    const flagged = `${hits.length} of ${b.end - b.start + 1} frames drifted`;
    const verdict = hits.length ? `caught: ${flagged} (${hits.map((s) => `${s.frame} ${s.reason}`).join(', ')})` : `missed: ${flagged}, highest doubt ${highest(stats, b)}`;
    return `| ${b.start}–${b.end} | ${b.what} | ${verdict} |`;
  });
  const alarms = drifted.filter((s) => !inside(s.frame));
  rows.push(`| other frames | false alarms | ${alarms.length ? `${alarms.length}: ${alarms.map((s) => `${s.frame} ${s.reason}`).join(', ')}` : 'none'} |`);
  return rows;
}

async function main(): Promise<void> {
  requireSharedData();
  const names = option('--clips')?.split(',') ?? CLIPS.map((c) => c.name);
  const overlays = option('--overlays');
  const tables: string[] = [];
  for (const clip of CLIPS.filter((c) => names.includes(c.name))) {
    const stats = await track(clip, overlays);
    if (process.argv.includes('--frames')) {
      process.stdout.write('frame\tdoubt\treason\tscore\n');
      for (const s of stats) process.stdout.write(`${s.frame}\t${s.doubt.toFixed(2)}\t${s.reason ?? '-'}\t${s.score.toFixed(2)}\n`);
    }
    tables.push(
      `\n${clip.name} (${clip.object}, ${stats.filter((s) => s.drifted).length} of ${stats.length} frames drifted)\n`,
      '| frames | what goes wrong | drift strip |',
      '|---|---|---|',
      ...score(stats, clip.bad),
    );
  }
  process.stdout.write(`${tables.join('\n')}\n`);
}

main().catch((err) => {
  process.stderr.write(`${(err as Error).stack}\n`);
  process.exit(1);
});
