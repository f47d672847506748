/**
 * `npm run demo`: the main job end to end without a UI. Opens a clip (a generated one by default),
 * clicks the object, propagates through the clip, exports ProRes 4444 with alpha, and reports
 * what the file holds and, for the generated clip, how well the matte matches the truth.
 */
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { JobEvent } from '../shared/api';
import { describeExport, readAlphaFrames } from '../main/media/describe-export';
import { createJobWaiter } from '../main/services/job-waiter';
import { StudioService } from '../main/services/studio-service';
import { DEMO, demoAlpha, demoCentre, writeDemoClip } from './demo-clip';
import { meanIoU } from '../main/imaging/iou';

function parsePoint(text: string): { x: number; y: number; frame: number } {
  const match = /^(\d+(?:\.\d+)?),(\d+(?:\.\d+)?)@(\d+)$/.exec(text.trim());
  if (!match) throw new Error(`--point must look like x,y@frame (got "${text}")`);
  return { x: Number(match[1]), y: Number(match[2]), frame: Number(match[3]) };
}

function progressLine(label: string) {
  return (event: JobEvent) => {
    if (event.type === 'progress') process.stdout.write(`\r${label} ${event.done}/${event.total}`);
    if (event.type === 'done') process.stdout.write('\n');
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      video: { type: 'string' },
      point: { type: 'string' },
      out: { type: 'string', default: 'demo-output/demo.mov' },
    },
  });
  const outPath = resolve(values.out);
  await mkdir(resolve(outPath, '..'), { recursive: true });
  let videoPath = values.video;
  if (!videoPath) {
    videoPath = resolve(outPath, '../demo-clip.mp4');
    console.log(`Generating the demo clip ${videoPath} (${DEMO.width}x${DEMO.height}, ${DEMO.frames} frames at ${DEMO.fps} fps, audio, timecode ${DEMO.timecode})`);
    await writeDemoClip(videoPath);
  }
  const { x, y, frame } = values.point ? parsePoint(values.point) : { ...demoCentre(0), frame: 0 };

  const waiter = createJobWaiter();
  const service = new StudioService({ emit: waiter.emit });
  try {
    const engine = await service.getEngineInfo();
    const { mediaId, info } = await service.openMedia(videoPath);
    console.log(`Engine: tracker ${engine.tracker}, bridge ${engine.bridge}, matting head ${(await service.getSettings(mediaId)).head}`);
    if (engine.fallbackReason) console.log(`  (${engine.fallbackReason})`);
    console.log(`Opened ${info.path}: ${info.width}x${info.height}, ${info.frameCount} frames at ${info.fps.num}/${info.fps.den} fps`);
    const object = await service.createObject(mediaId, 'Subject');
    const first = await service.setPrompts(mediaId, object.objectId, frame, [{ kind: 'point', x, y, positive: true }]);
    console.log(`Clicked (${x.toFixed(0)}, ${y.toFixed(0)}) on frame ${frame}: mask score ${first?.score.toFixed(2) ?? 'none'}`);

    const propagation = await service.propagate(mediaId, { direction: 'both', startFrame: frame });
    await waiter.wait(propagation.jobId, progressLine('Propagating'));

    const exported = await service.exportMatte({ mediaId, format: 'prores4444', outputPath: outPath });
    await waiter.wait(exported.jobId, progressLine('Exporting ProRes 4444'));

    const facts = await describeExport(outPath);
    console.log(`Wrote ${outPath}`);
    console.log(`  ${facts.codec} ${facts.profile}, ${facts.pixelFormat}, ${facts.width}x${facts.height}, ${facts.frameCount} frames at ${facts.fps}, timecode ${facts.timecode ?? 'none'}, audio ${facts.audioCodec ?? 'none'}`);
    if (!values.video) {
      const truth = Array.from({ length: DEMO.frames }, (_, f) => demoAlpha(f));
      const alphas = await readAlphaFrames(outPath, facts.width, facts.height);
      console.log(`  exported alpha vs truth: mean IoU ${meanIoU(alphas, truth).toFixed(3)} over ${alphas.length} frames`);
    }
  } finally {
    service.close();
  }
}

main().catch((err: Error) => {
  console.error(`demo failed: ${err.message}`);
  process.exit(1);
});
