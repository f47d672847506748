import { describe, expect, it } from 'vitest';
import { parseRenderArgs, parseRange } from './args';
import { UsageError } from '../command-line';

describe('parseRenderArgs', () => {
  it('reads a project render, the format following the output', () => {
    expect(parseRenderArgs(['shot.json', '--out', 'out.mov', '--range', '10-20', '--object', 'Car'])).toEqual({
      mode: 'project',
      project: 'shot.json',
      out: 'out.mov',
      format: 'prores4444',
      range: { start: 10, end: 20 },
      object: 'Car',
      perObject: false,
    });
    expect(parseRenderArgs(['shot.json', '--out', 'frames', '--format', 'png', '--per-object'])).toMatchObject({ format: 'png', range: null, object: null, perObject: true });
    expect(parseRenderArgs(['shot.json', '--out', 'frames'])).toMatchObject({ format: 'matte' });
  });

  it('reads OpenEXR and colour options', () => {
    expect(parseRenderArgs(['shot.json', '--out', 'exr', '--format', 'exr', '--range', '0-9'])).toMatchObject({ format: 'exr', range: { start: 0, end: 9 } });
    const exr = parseRenderArgs(['shot.json', '--out', 'exr', '--format', 'exr', '--compression', 'zips', '--object-colour', '--alpha', 'straight']);
    expect(exr).toMatchObject({ format: 'exr', alphaMode: 'straight', exr: { compression: 'zips', objectColour: true } });
    expect(parseRenderArgs(['shot.json', '--out', 'x.mov', '--alpha', 'premultiplied'])).toMatchObject({ format: 'prores4444', alphaMode: 'premultiplied' });
    expect(parseRenderArgs(['shot.json', '--out', 'png', '--format', 'png'])).not.toHaveProperty('exr');
  });

  it('reads a project-less render with prompts on several frames', () => {
    const args = parseRenderArgs(['--video', 'in.mp4', '--out', 'alpha', '--point', '320,208@0', '--point', '10.5,20@3:neg', '--box', '1,2,30,40@5', '--mask', 'masks/a@b.png@7']);
    expect(args).toMatchObject({ mode: 'video', video: 'in.mp4', object: 'Object', format: 'matte' });
    expect(args.mode === 'video' && args.prompts).toEqual([
      { frame: 0, prompt: { kind: 'point', x: 320, y: 208, positive: true } },
      { frame: 3, prompt: { kind: 'point', x: 10.5, y: 20, positive: false } },
      { frame: 5, prompt: { kind: 'box', x0: 1, y0: 2, x1: 30, y1: 40 } },
      { frame: 7, maskPath: 'masks/a@b.png' },
    ]);
  });

  it("reads the matting head and quality (sam2matting: the paper's heads)", () => {
    const args = parseRenderArgs(['--video', 'in.png', '--out', 'alpha', '--point', '224,663.7@0', '--head', 'sam2matting', '--quality', 'preview']);
    expect(args).toMatchObject({ mode: 'video', format: 'matte', head: 'sam2matting', quality: 'preview' });
    expect(parseRenderArgs(['shot.json', '--out', 'x.mov'])).not.toHaveProperty('head');
    expect(parseRenderArgs(['shot.json', '--out', 'x.mov', '--head', 'sam2matting', '--quality', 'detail'])).toMatchObject({ head: 'sam2matting', quality: 'final' });
    expect(() => parseRenderArgs(['shot.json', '--out', 'x.mov', '--quality', 'fine'])).toThrow('--quality must be preview, final or detail, not "fine".');
    expect(() => parseRenderArgs(['shot.json', '--out', 'm', '--format', 'mask', '--head', 'closed-form'])).toThrow(
      '--head and --quality choose the matting; the mask format has none.',
    );
  });

  it('reads a join', () => {
    expect(parseRenderArgs(['--join', 'a.mov', 'b.mov', 'c.mov', '--out', 'full.mov'])).toEqual({ mode: 'join', inputs: ['a.mov', 'b.mov', 'c.mov'], out: 'full.mov' });
  });

  it.each([
    [[], /--out/],
    [['shot.json'], /--out/],
    [['--out', 'x'], /project file or --video/],
    [['a.json', 'b.json', '--out', 'x'], /one project file, not 2/],
    [['a.json', '--out', 'x', '--format', 'gif'], /Unknown --format gif/],
    [['a.json', '--out', 'x', '--format', 'prores4444'], /not one/],
    [['a.json', '--out', 'x.mov', '--format', 'png'], /names a \.mov/],
    [['a.json', '--out', 'x.mov', '--format', 'exr'], /exr writes a folder of frames/],
    [['a.json', '--out', 'x', '--format', 'exr', '--compression', 'piz'], /Unknown --compression piz; use zip, zips, none/],
    [['a.json', '--out', 'x', '--format', 'png', '--compression', 'zip'], /go with --format exr, not png/],
    [['a.json', '--out', 'x', '--object-colour'], /go with --format exr, not matte/],
    [['a.json', '--out', 'x', '--format', 'exr', '--alpha', 'pre'], /Unknown --alpha pre/],
    [['a.json', '--out', 'x', '--alpha', 'straight'], /the matte format has none/],
    [['a.json', '--out', 'x', '--range', '5'], /--range must look like/],
    [['a.json', '--out', 'x', '--range', '9-3'], /ends before it starts/],
    [['a.json', '--out', 'x', '--point', '1,2@0'], /go with --video/],
    [['a.json', '--out', 'x', '--bogus'], /^Unknown option --bogus\.$/],
    [['a.json', '--out'], /^--out needs a value\.$/],
    [['a.json', '--out', 'x', '--per-object=yes'], /^--per-object takes no value\.$/],
    [['--video', 'v.mp4', '--out', 'x'], /at least one --point/],
    [['--video', 'v.mp4', '--out', 'x', '--point', 'NaN,2@0'], /--point must look like/],
    [['--video', 'v.mp4', '--out', 'x', '--point', '1,2@-1'], /--point must look like/],
    [['--video', 'v.mp4', '--out', 'x', '--box', '1,2,3@0'], /--box must look like/],
    [['--video', 'v.mp4', '--out', 'x', '--mask', 'm.png'], /--mask must look like/],
    [['--video', 'v.mp4', 'extra', '--out', 'x', '--point', '1,2@0'], /remove extra/],
    [['--join', 'a.mov', '--out', 'x.mov'], /at least two/],
  ])('refuses %j with a usage error', (argv, message) => {
    expect(() => parseRenderArgs(argv)).toThrow(UsageError);
    expect(() => parseRenderArgs(argv)).toThrow(message);
  });

  it('keeps huge frame numbers out', () => {
    expect(() => parseRange('0-99999999999999999999')).toThrow(/too large/);
  });
});
