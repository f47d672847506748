/**
 * What every command of the command line shares: exit codes (0 done, 1 failed, 2 a wrong command line,
 * 130 cancelled), options parsed with one plain line for a mistake, --help and --verbose.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { VERBOSE_ENV } from '../main/inference/providers';
import { isAbortError } from '../shared/common/abort';
import { StudioError } from '../shared/errors';

export const EXIT = { ok: 0, failed: 1, usage: 2, cancelled: 130 } as const;

/** The end of every command's --help. */
export const COMMON_HELP = `  --verbose: ONNX Runtime's warnings, and why a model runs on the CPU rather than a GPU.
  Exit codes: 0 done, 1 failed, 2 a wrong command line, 130 cancelled (Ctrl+C).`;

/** Which tracker an opened clip runs on, and why it is the fallback when it is: one line for a log. */
export function trackerLine(tracker: { name: string; fallbackReason: string | null } | undefined): string {
  if (!tracker) return 'Tracker: unknown';
  return tracker.fallbackReason ? `Tracker: ${tracker.name} (fallback: ${tracker.fallbackReason})` : `Tracker: ${tracker.name}`;
}

/** A problem with the command line: exit code 2. */
export class UsageError extends StudioError {
  constructor(message: string) {
    super('bad-request', message);
    this.name = 'UsageError';
  }
}

/** Node's parseArgs (strict, its default), with what it did not understand said in one plain line (a UsageError). */
export function parseCommandLine<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    // Its messages quote the word: '--out <value>', '--bogus', 'extra'.
    const word = /'([^']*)'/.exec(message)?.[1].replace(/ <value>$/, '') ?? '';
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`Unknown option ${word}.`);
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`Unexpected argument ${word}.`);
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError(/does not take/.test(message) ? `${word} takes no value.` : `${word} needs a value.`);
    throw err;
  }
}

export function wantsHelp(argv: string[]): boolean {
  return argv.includes('--help') || argv.includes('-h');
}

/** The arguments without --verbose; given, it turns on SAM2M_VERBOSE for this process and its workers. */
export function takeVerbose(argv: string[]): string[] {
  if (argv.includes('--verbose')) process.env[VERBOSE_ENV] = '1';
  return argv.filter((arg) => arg !== '--verbose');
}

/** The exit code for what `command` threw, and the one line that says why; `help` is how to ask for its options. */
export function failure(command: string, help: string, err: unknown): { code: number; line: string } {
  if (err instanceof UsageError) return { code: EXIT.usage, line: `${command}: ${err.message} Run ${help} for the options.` };
  if (isAbortError(err)) return { code: EXIT.cancelled, line: `${command} cancelled: nothing was written` };
  return { code: EXIT.failed, line: `${command} failed: ${err instanceof Error ? err.message : String(err)}` };
}
