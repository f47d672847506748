/** Per-project settings: defaults, and a checked patch that keeps them valid for the clip. */
import type { ProjectSettings } from '../../shared/api';

export const DEFAULT_HEAD = 'guided-filter';

export function defaultSettings(): ProjectSettings {
  return { head: DEFAULT_HEAD, quality: 'preview', inPoint: null, outPoint: null, exclusive: false };
}

function checkPoint(value: unknown, name: string, frameCount: number): number | null {
  if (value === null) return null;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`The ${name} must be a frame number or null, not ${String(value)}.`);
  // Points beyond the clip mean "the end": clamp rather than refuse.
  return Math.min(frameCount - 1, Math.max(0, value));
}

/**
 * The settings after a patch, or a clear error. In/out points clamp to the clip; heads must be
 * among knownHeads (the engine's), so a typo is refused here rather than failing at export.
 */
export function patchSettings(current: ProjectSettings, patch: unknown, frameCount: number, knownHeads: string[]): ProjectSettings {
  if (typeof patch !== 'object' || patch === null || Array.isArray(patch)) throw new Error('Settings must be an object of changes.');
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    switch (key) {
      case 'head':
        if (typeof value !== 'string' || !knownHeads.includes(value)) throw new Error(`Unknown matting head ${String(value)}; known: ${knownHeads.join(', ')}.`);
        next.head = value;
        break;
      case 'quality':
        if (value !== 'preview' && value !== 'final') throw new Error(`Quality must be preview or final, not ${String(value)}.`);
        next.quality = value;
        break;
      case 'inPoint':
        next.inPoint = checkPoint(value, 'in point', frameCount);
        break;
      case 'outPoint':
        next.outPoint = checkPoint(value, 'out point', frameCount);
        break;
      case 'exclusive':
        if (typeof value !== 'boolean') throw new Error(`Exclusive objects must be on or off (true or false), not ${String(value)}.`);
        next.exclusive = value;
        break;
      default:
        throw new Error(`Unknown setting ${key}.`);
    }
  }
  if (next.inPoint !== null && next.outPoint !== null && next.inPoint > next.outPoint)
    throw new Error(`The in point (frame ${next.inPoint}) must not be after the out point (frame ${next.outPoint}).`);
  return next;
}
