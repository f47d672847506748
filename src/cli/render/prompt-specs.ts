/** Prompts written on a command line: --point x,y@frame[:neg], --box x0,y0,x1,y1@frame, --mask file.png@frame. */
import type { BoxPrompt, PointPrompt, Prompt } from '../../shared/prompts';
import { readImageGray } from '../../main/media/image-file';
import { UsageError } from '../command-line';

export type PromptSpec = { frame: number; prompt: PointPrompt | BoxPrompt } | { frame: number; maskPath: string };

function bad(option: string, shape: string, text: string): UsageError {
  return new UsageError(`--${option} must look like ${shape}, not "${text}".`);
}

const NUMBER = String.raw`(-?\d+(?:\.\d+)?)`;
const FRAME = String.raw`@(\d+)`;

function frameOf(text: string, option: string, shape: string, raw: string): number {
  const frame = Number(text);
  if (!Number.isSafeInteger(frame)) throw bad(option, shape, raw);
  return frame;
}

export function parsePointSpec(text: string): PromptSpec {
  const shape = 'x,y@frame or x,y@frame:neg';
  const match = new RegExp(String.raw`^${NUMBER},${NUMBER}${FRAME}(:neg)?$`).exec(text.trim());
  if (!match) throw bad('point', shape, text);
  return { frame: frameOf(match[3], 'point', shape, text), prompt: { kind: 'point', x: Number(match[1]), y: Number(match[2]), positive: !match[4] } };
}

export function parseBoxSpec(text: string): PromptSpec {
  const shape = 'x0,y0,x1,y1@frame';
  const match = new RegExp(String.raw`^${NUMBER},${NUMBER},${NUMBER},${NUMBER}${FRAME}$`).exec(text.trim());
  if (!match) throw bad('box', shape, text);
  const [x0, y0, x1, y1] = match.slice(1, 5).map(Number);
  return { frame: frameOf(match[5], 'box', shape, text), prompt: { kind: 'box', x0, y0, x1, y1 } };
}

export function parseMaskSpec(text: string): PromptSpec {
  const shape = 'mask.png@frame';
  // The last @ splits, so a path may hold @ itself.
  const match = /^(.+)@(\d+)$/.exec(text.trim());
  if (!match) throw bad('mask', shape, text);
  return { frame: frameOf(match[2], 'mask', shape, text), maskPath: match[1] };
}

/** The prompts per frame, mask images read (grey, >= 128 is the object). */
export async function loadPrompts(specs: PromptSpec[]): Promise<Map<number, Prompt[]>> {
  const byFrame = new Map<number, Prompt[]>();
  for (const spec of specs) {
    const prompt: Prompt = 'prompt' in spec ? spec.prompt : { kind: 'mask', ...(await readImageGray(spec.maskPath)) };
    byFrame.set(spec.frame, [...(byFrame.get(spec.frame) ?? []), prompt]);
  }
  return byFrame;
}
