/**
 * Prompts as JSON: points, boxes and strokes as they are; mask prompts as deflated bytes in base64,
 * which keeps an imported 1080p mask (mostly 0 and 255) to a few kilobytes.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { z } from 'zod';
import type { Prompt } from '../../shared/prompts';
import { forwardIssues, PARSE_OPTIONS } from '../../shared/schema-issues';
import { validatePrompts } from '../../shared/validate-prompts';

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

/** A mask's bytes back from base64 and deflate, or the reason they are not a mask. */
const storedMask = z.looseObject({ kind: z.literal('mask'), deflated: z.string({ error: 'must be a base64 string' }) }).transform((stored, ctx) => {
  try {
    return { kind: 'mask', width: stored.width, height: stored.height, data: new Uint8Array(inflateRawSync(Buffer.from(stored.deflated, 'base64'))) };
  } catch (err) {
    ctx.issues.push({ code: 'custom', path: ['deflated'], message: `is not a deflated mask: ${(err as Error).message}`, input: stored.deflated });
    return z.NEVER;
  }
});

/** One stored prompt as a prompt to check; only a mask needs decoding. */
const storedPrompt = z.looseObject({ kind: z.unknown() }, { error: 'must be an object' }).transform((stored, ctx) => {
  if (stored.kind !== 'mask') return stored;
  const mask = storedMask.safeParse(stored, PARSE_OPTIONS);
  if (mask.success) return mask.data;
  forwardIssues(ctx, mask.error.issues);
  return z.NEVER;
});

/**
 * A keyframe's stored prompts back as prompts, checked for types and shapes by validatePrompts (whether
 * they fit the frame is checked against the media when it opens); its message follows the list's name.
 */
export const storedPrompts = z.array(storedPrompt).transform((decoded, ctx) => {
  try {
    return validatePrompts(decoded, Infinity, Infinity);
  } catch (err) {
    ctx.issues.push({ code: 'custom', message: `: ${(err as Error).message}`, input: decoded });
    return z.NEVER;
  }
});
