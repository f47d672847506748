/**
 * `sam2matting render`: renders a saved project (or a clip with prompts given on the command line)
 * without the UI, in one go or in chunks that join into one sequence. See RENDER_USAGE.
 */
import { EXIT, failure, wantsHelp } from './command-line';
import { parseRenderArgs, RENDER_USAGE, type RenderArgs } from './render/args';
import { renderProject, renderVideo, withService, type RenderContext } from './render/headless-render';
import { joinChunks } from './render/join-chunks';
import type { TextStream } from './render/progress';

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
  if (wantsHelp(argv)) {
    streams.out.write(`${RENDER_USAGE}\n`);
    return EXIT.ok;
  }
  try {
    const lines = await run(parseRenderArgs(argv), streams.out);
    for (const line of lines) streams.out.write(`${line}\n`);
    return EXIT.ok;
  } catch (err) {
    const { code, line } = failure('render', 'sam2matting render --help', err);
    streams.err.write(`${line}\n`);
    return code;
  }
}

async function run(args: RenderArgs, out: TextStream): Promise<string[]> {
  if (args.mode === 'join') {
    const joined = await joinChunks(args.inputs, args.out);
    return [`Joined ${args.inputs.length} chunks into ${args.out}: ${joined.frameCount} frames at ${joined.fps}, timecode ${joined.timecode ?? 'none'}`];
  }
  return withService(async (service, waiter) => {
    const ctx: RenderContext = { service, waiter, out };
    const output = {
      out: args.out,
      format: args.format,
      range: args.range,
      alphaMode: args.alphaMode,
      exr: args.exr,
      head: args.head,
      quality: args.quality,
      perObject: args.mode === 'project' && args.perObject,
    };
    const result = args.mode === 'project' ? await renderProject(ctx, args.project, args.object, output) : await renderVideo(ctx, args.video, args.object, args.prompts, output);
    return (result.outputs ?? [result.outputPath]).map((path) => `Wrote ${result.frames} frames (${args.format}) to ${path}`);
  });
}
