/** `sam2matting COMMAND ...`: the command-line entry, built to out/cli/ (`npm run build:cli`) and run by bin/sam2matting.js. */
import { COMMON_HELP, EXIT, takeVerbose, wantsHelp } from './command-line';
import { runMatteCommand } from './matte-command';
import { runModelsCommand } from './models-command';
import { runRenderCommand } from './render-command';

export const USAGE = `Usage: sam2matting <command> [options] [--verbose]
Commands:
  matte    the matte of an image (or a folder of images) from a trimap or a mask
  render   render a clip's matte (see sam2matting render --help)
  models   list the models, or import one from local files (see sam2matting models --help)
Run sam2matting <command> --help for its options.
${COMMON_HELP}`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = takeVerbose(argv);
  if (command === 'matte') return runMatteCommand(rest);
  if (command === 'models') return runModelsCommand(rest);
  if (command === 'render') return runRenderCommand(rest);
  if (!command || wantsHelp([command])) {
    console.log(USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  console.error(`sam2matting: Unknown command "${command}". Run sam2matting --help for the commands.`);
  return EXIT.usage;
}
