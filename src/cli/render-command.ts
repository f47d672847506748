/**
 * `sam2matting render`: renders a saved project (or a clip with prompts given on the command line)
 * without the UI, in one go or in chunks that join into one sequence. See RENDER_USAGE.
 */
import { isAbortError } from '../main/media/ffmpeg';
import { createJobWaiter } from '../main/services/job-waiter';
import { StudioService } from '../main/services/studio-service';
import { parseRenderArgs, RENDER_USAGE, type RenderArgs } from './render/args';
import { renderProject, renderVideo, type RenderContext } from './render/headless-render';
import { joinChunks } from './render/join-chunks';
import type { TextStream } from './render/progress';
import { UsageError } from './render/usage-error';

export interface RenderStreams {
  /** Progress and results. */
  out: TextStream;
  /** Errors. */
  err: TextStream;
}

/**
 * Runs `render` with the arguments after the command name; resolves to the exit code: 0 done,
 * 1 the render failed (the message says why), 2 the command line is wrong, 130 interrupted.
 */
export async function runRenderCommand(argv: string[], streams: RenderStreams = { out: process.stdout, err: process.stderr }): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    streams.out.write(`${RENDER_USAGE}\n`);
    return 0;
  }
  let args: RenderArgs;
  try {
    args = parseRenderArgs(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    streams.err.write(`render: ${err.message}\n${RENDER_USAGE}\n`);
    return 2;
  }
  try {
    const lines = await run(args, streams.out);
    for (const line of lines) streams.out.write(`${line}\n`);
    return 0;
  } catch (err) {
    if (isAbortError(err)) {
      streams.err.write('render cancelled: nothing was written\n');
      return 130;
    }
    streams.err.write(`render failed: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

async function run(args: RenderArgs, out: TextStream): Promise<string[]> {
  if (args.mode === 'join') {
    const joined = await joinChunks(args.inputs, args.out);
    return [`Joined ${args.inputs.length} chunks into ${args.out}: ${joined.frameCount} frames at ${joined.fps}, timecode ${joined.timecode ?? 'none'}`];
  }
  const waiter = createJobWaiter();
  // No autosave folder: a headless render changes nothing worth keeping, and leaves no recoveries behind.
  const service = new StudioService({ emit: waiter.emit });
  const ctx: RenderContext = { service, waiter, out };
  // Ctrl+C or a farm's kill: closing the service cancels the jobs, and a cancelled export removes what it staged.
  const interrupt = () => void service.close();
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  try {
    const output = { out: args.out, format: args.format, range: args.range, alphaMode: args.alphaMode, exr: args.exr, perObject: args.mode === 'project' && args.perObject };
    const result =
      args.mode === 'project'
        ? await renderProject(ctx, args.project, args.object, output)
        : await renderVideo(ctx, args.video, args.object, args.prompts, output);
    return (result.outputs ?? [result.outputPath]).map((path) => `Wrote ${result.frames} frames (${args.format}) to ${path}`);
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGTERM', interrupt);
    await service.close();
  }
}
