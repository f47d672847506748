/**
 * `npm run demo`: the main job end to end without a UI. Opens a clip (a generated one by default),
 * clicks the object, propagates through the clip, exports ProRes 4444 with alpha, and reports
 * what the file holds and, for the generated clip, how well the matte matches the truth.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { describeExport, readAlphaFrames } from '../main/media/describe-export';
import { meanIoU } from '../main/imaging/iou';
import { COMMON_HELP, EXIT, failure, parseCommandLine, takeVerbose, trackerLine, UsageError, wantsHelp } from './command-line';
import { DEMO, demoAlpha, demoCentre, writeDemoClip } from './demo-clip';
import { follow, withService } from './render/headless-render';

/** The generated clip's matte must match its truth this well (measured: 0.986). */
const IOU_BAR = 0.9;

const DEMO_USAGE = `Usage: npm run demo -- [--video IN --point X,Y@FRAME] [--out OUT.mov] [--verbose]
  Without --video: generates a ${DEMO.width}x${DEMO.height} clip with a moving subject, clicks it on frame 0, tracks it,
  exports ProRes 4444 with alpha to OUT (default demo-output/demo.mov) and checks the matte against the
  known truth; a mean IoU below ${IOU_BAR} fails the demo (exit code 1).
  --video IN: your own clip; --point then says where the object is (x,y in pixels, on frame FRAME).
${COMMON_HELP}`;

function parsePoint(text: string): { x: number; y: number; frame: number } {
  const match = /^(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)@(\d+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--point must look like x,y@frame, not "${text}".`);
  return { x: Number(match[1]), y: Number(match[2]), frame: Number(match[3]) };
}

function parseDemoArgs(argv: string[]) {
  const { values } = parseCommandLine({
    args: argv,
    options: { video: { type: 'string' }, point: { type: 'string' }, out: { type: 'string', default: 'demo-output/demo.mov' } },
  });
  if (values.video !== undefined && values.point === undefined) throw new UsageError('--video needs --point X,Y@FRAME: where the object is.');
  return { video: values.video, point: values.point === undefined ? { ...demoCentre(0), frame: 0 } : parsePoint(values.point), out: resolve(values.out) };
}

async function demo(args: ReturnType<typeof parseDemoArgs>): Promise<void> {
  await mkdir(dirname(args.out), { recursive: true });
  let videoPath = args.video;
  if (!videoPath) {
    videoPath = resolve(dirname(args.out), 'demo-clip.mp4');
    console.log(`Generating the demo clip ${videoPath} (${DEMO.width}x${DEMO.height}, ${DEMO.frames} frames at ${DEMO.fps} fps, audio, timecode ${DEMO.timecode})`);
    await writeDemoClip(videoPath);
  }
  const { x, y, frame } = args.point;
  await withService(async (service, waiter) => {
    const engine = await service.getEngineInfo();
    const { mediaId, info, tracker } = await service.openMedia(videoPath);
    console.log(`Opened ${info.path}: ${info.width}x${info.height}, ${info.frameCount} frames at ${info.fps.num}/${info.fps.den} fps`);
    console.log(`${trackerLine(tracker)}; bridge ${engine.bridge}, matting head ${(await service.getSettings(mediaId)).head}`);
    const object = await service.createObject(mediaId, 'Subject');
    const first = await service.setPrompts(mediaId, object.objectId, frame, [{ kind: 'point', x, y, positive: true }]);
    console.log(`Clicked (${x.toFixed(0)}, ${y.toFixed(0)}) on frame ${frame}: mask score ${first?.score.toFixed(2) ?? 'none'}`);

    const propagation = await service.propagate(mediaId, { direction: 'both', startFrame: frame });
    await follow(waiter, propagation.jobId, process.stdout, 'Propagating');
    const exported = await service.exportMatte({ mediaId, format: 'prores4444', outputPath: args.out });
    await follow(waiter, exported.jobId, process.stdout, 'Exporting ProRes 4444');
  });

  const facts = await describeExport(args.out);
  console.log(`Wrote ${args.out}`);
  console.log(
    `  ${facts.codec} ${facts.profile}, ${facts.pixelFormat}, ${facts.width}x${facts.height}, ${facts.frameCount} frames at ${facts.fps}, timecode ${facts.timecode ?? 'none'}, audio ${facts.audioCodec ?? 'none'}`,
  );
  if (args.video) return;
  const truth = Array.from({ length: DEMO.frames }, (_, f) => demoAlpha(f));
  const iou = meanIoU(await readAlphaFrames(args.out, facts.width, facts.height), truth);
  const verdict = `exported alpha vs truth: mean IoU ${iou.toFixed(3)} over ${truth.length} frames (the bar: ${IOU_BAR})`;
  if (iou < IOU_BAR) throw new Error(`the matte misses the truth: ${verdict}`);
  console.log(`  ${verdict}`);
}

async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    console.log(DEMO_USAGE);
    return EXIT.ok;
  }
  try {
    await demo(parseDemoArgs(takeVerbose(argv)));
    return EXIT.ok;
  } catch (err) {
    const { code, line } = failure('demo', 'npm run demo -- --help', err);
    console.error(line);
    return code;
  }
}

process.exitCode = await main(process.argv.slice(2));
