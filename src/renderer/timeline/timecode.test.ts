import { describe, expect, it } from 'vitest';
import { formatTimecode } from './timecode';

describe('formatTimecode', () => {
  it('counts whole-rate frames from zero', () => {
    expect(formatTimecode(0, { num: 24, den: 1 }, null)).toBe('00:00:00:00');
    expect(formatTimecode(49, { num: 24, den: 1 }, null)).toBe('00:00:02:01');
  });

  it('starts from the source timecode', () => {
    expect(formatTimecode(12, { num: 25, den: 1 }, '01:00:00:00')).toBe('01:00:00:12');
    expect(formatTimecode(25 * 3600, { num: 25, den: 1 }, '23:00:00:00')).toBe('00:00:00:00');
  });

  it('drops frame numbers at 29.97', () => {
    const ntsc = { num: 30000, den: 1001 };
    expect(formatTimecode(1799, ntsc, null)).toBe('00:00:59;29');
    expect(formatTimecode(1800, ntsc, null)).toBe('00:01:00;02');
    expect(formatTimecode(17982, ntsc, null)).toBe('00:10:00;00');
    expect(formatTimecode(2, ntsc, '00:00:59;28')).toBe('00:01:00;02');
  });

  it('stays non-drop when the source says so', () => {
    expect(formatTimecode(1800, { num: 30000, den: 1001 }, '00:00:00:00')).toBe('00:01:00:00');
    expect(formatTimecode(24, { num: 24000, den: 1001 }, null)).toBe('00:00:01:00');
  });
});

describe('formatTimecode with a malformed source timecode', () => {
  it('counts from zero', () => {
    expect(formatTimecode(3, { num: 25, den: 1 }, 'garbage')).toBe('00:00:00:03');
  });
});
