import { describe, expect, it } from 'vitest';
import type { HeadInfo, Matte } from '../../shared/api';
import { chosenLabel, matteLabel } from './matteLabel';

const heads: HeadInfo[] = [
  { id: 'guided-filter', title: 'Guided filter (built-in, fast)', available: true, reason: null },
  { id: 'closed-form', title: 'Closed-form matting (built-in, exact final)', available: true, reason: null },
];

const matte = (source: Partial<Matte['source']>, width = 1920, height = 1080): Matte => ({
  width,
  height,
  data: new Uint8Array(0),
  source: { head: 'closed-form', headName: 'Closed-form head', quality: 'final', width, height, ...source },
});

describe('matteLabel', () => {
  it('names the head and quality the matte was made with, not the first head', () => {
    expect(matteLabel(matte({}), heads)).toEqual({
      text: 'Closed-form matting (built-in, exact final) · final',
      detail: 'The matte on screen: Closed-form head, final quality, matted at 1920×1080.',
    });
  });

  it('says when a preview was matted smaller, and falls back to the head id it does not know', () => {
    const label = matteLabel(matte({ quality: 'preview', width: 1280, height: 720 }), heads);
    expect(label.text).toBe('Closed-form matting (built-in, exact final) · preview');
    expect(label.detail).toMatch(/matted at 1280×720 and scaled to 1920×1080/);
    expect(matteLabel(matte({ head: 'vitmatte-s' }), heads).text).toBe('vitmatte-s · final');
  });

  it('names the project choice when no matte is on screen', () => {
    expect(chosenLabel({ head: 'guided-filter', quality: 'preview' }, heads).text).toBe('Guided filter (built-in, fast) · preview');
  });
});
