/**
 * `sam2matting COMMAND ...`: the command-line entry (bin/sam2matting.js runs it through tsx).
 * Commands load on demand, so one that is missing from a build does not stop the others.
 */
import { COMMON_HELP, EXIT, takeVerbose, wantsHelp } from './command-line';
import { runMatteCommand } from './matte-command';
import { runModelsCommand } from './models-command';

export const USAGE = `Usage: sam2matting <command> [options] [--verbose]
Commands:
  matte    the matte of an image (or a folder of images) from a trimap or a mask
  render   render a clip's matte (see sam2matting render --help)
  models   list the models, or import one from local files (see sam2matting models --help)
Run sam2matting <command> --help for its options.
${COMMON_HELP}`;

type Command = (argv: string[]) => Promise<number>;

/** The render command lives in its own module, written separately; its absence is reported, not thrown. */
async function renderCommand(): Promise<Command | string> {
  // A computed specifier: the module may not exist in this build, and the type checker must not require it.
  const specifier = './render-command.ts';
  try {
    const module = (await import(/* @vite-ignore */ specifier)) as { runRenderCommand?: Command };
    return module.runRenderCommand ?? 'src/cli/render-command.ts does not export runRenderCommand.';
  } catch (err) {
    // Only the module itself missing is expected; a missing import inside it is a real failure.
    const { code, message } = err as NodeJS.ErrnoException;
    if (code === 'ERR_MODULE_NOT_FOUND' && /render-command\.ts'/.test(message)) return 'The render command is not part of this build (src/cli/render-command.ts is missing).';
    throw err;
  }
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = takeVerbose(argv);
  if (command === 'matte') return runMatteCommand(rest);
  if (command === 'models') return runModelsCommand(rest);
  if (command === 'render') {
    const render = await renderCommand();
    if (typeof render === 'string') {
      console.error(render);
      return EXIT.failed;
    }
    return render(rest);
  }
  if (!command || wantsHelp([command])) {
    console.log(USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  console.error(`sam2matting: Unknown command "${command}". Run sam2matting --help for the commands.`);
  return EXIT.usage;
}
