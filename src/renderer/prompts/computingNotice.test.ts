import { describe, expect, it } from 'vitest';
import { computingNotice } from './computingNotice';

describe('computingNotice', () => {
  it('names the image encoder only when the frame has no features yet', () => {
    expect(computingNotice(true, 12)).toMatch(/^Computing image features for frame 12…/);
    expect(computingNotice(false, 12)).toBe('Computing the mask…');
    expect(computingNotice(null, 12)).toBe('Computing the mask…');
  });
});
