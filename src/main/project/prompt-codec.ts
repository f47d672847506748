/**
 * Prompts as JSON: points, boxes and strokes as they are; mask prompts as deflated bytes in base64,
 * which keeps an imported 1080p mask (mostly 0 and 255) to a few kilobytes.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Prompt } from '../../shared/prompts';

export type StoredPrompt = Exclude<Prompt, { kind: 'mask' }> | { kind: 'mask'; width: number; height: number; deflated: string };

export function encodePrompt(prompt: Prompt): StoredPrompt {
  switch (prompt.kind) {
    case 'point':
      return { kind: 'point', x: prompt.x, y: prompt.y, positive: prompt.positive };
    case 'box':
      return { kind: 'box', x0: prompt.x0, y0: prompt.y0, x1: prompt.x1, y1: prompt.y1 };
    case 'stroke':
      return { kind: 'stroke', points: [...prompt.points], radius: prompt.radius, mode: prompt.mode };
    case 'mask':
      return { kind: 'mask', width: prompt.width, height: prompt.height, deflated: deflateRawSync(prompt.data).toString('base64') };
  }
}

/**
 * Back to a prompt; the caller checks values (validatePrompts). Only the mask's bytes need care
 * here: bad base64 or deflate data becomes a message naming where.
 */
export function decodePrompt(stored: unknown, where: string): unknown {
  if (typeof stored !== 'object' || stored === null) throw new Error(`${where} must be an object.`);
  const record = stored as Record<string, unknown>;
  if (record.kind !== 'mask') return record;
  if (typeof record.deflated !== 'string') throw new Error(`${where}.deflated must be a base64 string.`);
  let data: Uint8Array;
  try {
    data = new Uint8Array(inflateRawSync(Buffer.from(record.deflated, 'base64')));
  } catch (err) {
    throw new Error(`${where}.deflated is not a deflated mask: ${(err as Error).message}.`);
  }
  return { kind: 'mask', width: record.width, height: record.height, data };
}
