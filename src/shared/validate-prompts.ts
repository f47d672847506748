/** Prompts and frames arrive from another process: check them before they reach the tracker. */
import { formatRange, type FrameRange } from './common/frame-range';
import { StudioError } from './errors';
import type { Prompt } from './prompts';

function finite(...values: number[]): boolean {
  return values.every((v) => typeof v === 'number' && Number.isFinite(v));
}

function inside(x: number, y: number, width: number, height: number): boolean {
  return x >= 0 && y >= 0 && x <= width && y <= height;
}

/** Throws a message an editor can act on for the first bad prompt. */
export function validatePrompts(prompts: unknown, width: number, height: number): Prompt[] {
  if (!Array.isArray(prompts)) throw new StudioError('bad-request', 'Prompts must be a list.');
  prompts.forEach((p: Prompt, i) => {
    const where = `Prompt ${i + 1}`;
    switch (p?.kind) {
      case 'point':
        if (!finite(p.x, p.y) || !inside(p.x, p.y, width, height))
          throw new StudioError('bad-request', `${where}: point (${p.x}, ${p.y}) is outside the ${width}x${height} frame.`);
        if (typeof p.positive !== 'boolean') throw new StudioError('bad-request', `${where}: point needs positive true or false.`);
        break;
      case 'box':
        if (!finite(p.x0, p.y0, p.x1, p.y1) || !inside(p.x0, p.y0, width, height) || !inside(p.x1, p.y1, width, height))
          throw new StudioError('bad-request', `${where}: box is outside the ${width}x${height} frame.`);
        if (Math.abs(p.x1 - p.x0) < 1 || Math.abs(p.y1 - p.y0) < 1) throw new StudioError('bad-request', `${where}: box is empty.`);
        break;
      case 'stroke':
        if (!Array.isArray(p.points) || p.points.length < 2 || p.points.length % 2 !== 0 || !finite(...p.points))
          throw new StudioError('bad-request', `${where}: stroke needs an even list of coordinates.`);
        if (!finite(p.radius) || p.radius <= 0) throw new StudioError('bad-request', `${where}: stroke radius must be positive.`);
        if (p.mode !== 'add' && p.mode !== 'subtract') throw new StudioError('bad-request', `${where}: stroke mode must be add or subtract.`);
        break;
      case 'mask':
        if (!Number.isInteger(p.width) || !Number.isInteger(p.height) || p.width <= 0 || p.height <= 0)
          throw new StudioError('bad-request', `${where}: mask size must be positive whole numbers.`);
        if (!(p.data instanceof Uint8Array) || p.data.length !== p.width * p.height)
          throw new StudioError('bad-request', `${where}: mask has ${p.data?.length ?? 0} values, expected ${p.width}x${p.height}.`);
        break;
      default:
        throw new StudioError('bad-request', `${where}: unknown prompt kind ${String((p as { kind?: unknown })?.kind)}.`);
    }
  });
  return prompts as Prompt[];
}

export function validateFrameIndex(frame: unknown, frameCount: number): number {
  if (typeof frame !== 'number' || !Number.isInteger(frame) || frame < 0 || frame >= frameCount)
    throw new StudioError('bad-request', `Frame ${String(frame)} is out of range: the clip has frames 0 to ${frameCount - 1}.`);
  return frame;
}

/** A range from another process: both ends frames of the clip, in order; `what` names it in the message. */
export function validateFrameRange(range: unknown, frameCount: number, what = 'Range'): FrameRange {
  if (typeof range !== 'object' || range === null) throw new StudioError('bad-request', `${what} must be { start, end }: its first and last frame.`);
  const { start, end } = range as Partial<FrameRange>;
  const checked = { start: validateFrameIndex(start, frameCount), end: validateFrameIndex(end, frameCount) };
  if (checked.end < checked.start) throw new StudioError('bad-request', `${what} ${formatRange(checked)} is empty: it ends before it starts.`);
  return checked;
}
