import { afterEach, describe, expect, it, vi } from 'vitest';
import { VERBOSE_ENV } from '../main/inference/providers';
import { main } from './sam2matting';

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});

/** Runs the dispatcher, keeping what it prints. */
async function dispatch(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = vi.spyOn(console, 'log').mockImplementation(() => {});
  const err = vi.spyOn(console, 'error').mockImplementation(() => {});
  const code = await main(argv);
  return { code, out: out.mock.calls.flat().join('\n'), err: err.mock.calls.flat().join('\n') };
}

describe('sam2matting', () => {
  it('prints its usage on --help, and fails without a command or with an unknown one', async () => {
    expect(await dispatch('--help')).toMatchObject({ code: 0, out: expect.stringMatching(/matte .*\n.*render/) });
    expect(await dispatch()).toMatchObject({ code: 2, out: expect.stringMatching(/Usage: sam2matting <command>/) });
    expect(await dispatch('mate')).toMatchObject({ code: 2, err: 'sam2matting: Unknown command "mate". Run sam2matting --help for the commands.' });
  });

  it('takes --verbose before or after the command, for the whole process', async () => {
    vi.stubEnv(VERBOSE_ENV, '');
    expect(await dispatch('matte', '--verbose', '--help')).toMatchObject({ code: 0, out: expect.stringMatching(/^Usage: sam2matting matte/) });
    expect(process.env[VERBOSE_ENV]).toBe('1');
  });

  it('hands matte its arguments', async () => {
    expect(await dispatch('matte', '--help')).toMatchObject({ code: 0, out: expect.stringMatching(/--image IN \(--trimap T \| --mask M\)/) });
    expect(await dispatch('matte', '--image', 'a.png')).toMatchObject({ code: 2, err: expect.stringMatching(/--out is required/) });
  });
});
