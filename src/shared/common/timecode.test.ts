import { describe, expect, it } from 'vitest';
import { addFrames, framesToTimecode, isDropFrame, timecodeToFrames } from './timecode';

const NTSC = { num: 30000, den: 1001 };
const NTSC60 = { num: 60000, den: 1001 };
const FILM = { num: 24, den: 1 };

describe('timecode', () => {
  it('adds frames to non-drop-frame timecode', () => {
    expect(addFrames('01:00:00:00', 24, FILM)).toBe('01:00:01:00');
    expect(addFrames('00:00:00:00', 100, NTSC)).toBe('00:00:03:10');
    expect(addFrames('00:59:59:23', 1, FILM)).toBe('01:00:00:00');
    expect(addFrames('10:00:00:00', 0, { num: 25, den: 1 })).toBe('10:00:00:00');
    expect(addFrames('00:00:00:00', 1, { num: 24000, den: 1001 })).toBe('00:00:00:01');
  });

  it('skips the dropped labels at each minute but every tenth at 29.97', () => {
    expect(addFrames('00:00:59;29', 1, NTSC)).toBe('00:01:00;02');
    expect(addFrames('00:09:59;29', 1, NTSC)).toBe('00:10:00;00');
    expect(addFrames('00:01:00;02', -1, NTSC)).toBe('00:00:59;29');
    expect(addFrames('01:00:00;00', 0, NTSC)).toBe('01:00:00;00');
  });

  it('skips four labels a minute at 59.94', () => {
    expect(addFrames('00:00:59;59', 1, NTSC60)).toBe('00:01:00;04');
    expect(addFrames('00:19:59;59', 1, NTSC60)).toBe('00:20:00;00');
  });

  it('keeps drop-frame timecode on the wall clock: one hour of 29.97 frames is 01:00:00;00', () => {
    const oneHour = Math.round((3600 * NTSC.num) / NTSC.den); // 107892 frames
    expect(framesToTimecode(oneHour, NTSC, true)).toBe('01:00:00;00');
    expect(timecodeToFrames('01:00:00;00', NTSC)).toBe(oneHour);
  });

  it('round-trips every frame of ten minutes of drop-frame timecode', () => {
    const labels = Array.from({ length: 17982 + 5 }, (_, frame) => framesToTimecode(frame, NTSC, true));
    expect(labels.filter((tc, frame) => timecodeToFrames(tc, NTSC) !== frame)).toEqual([]);
    expect(labels.filter((tc, frame) => frame > 0 && tc <= labels[frame - 1])).toEqual([]);
  });

  it('wraps at 24 hours', () => {
    expect(addFrames('23:59:59:23', 1, FILM)).toBe('00:00:00:00');
    expect(addFrames('23:59:59;29', 1, NTSC)).toBe('00:00:00;00');
    expect(addFrames('00:00:00:00', -1, FILM)).toBe('23:59:59:23');
  });

  it('tells drop-frame timecode by its separator', () => {
    expect(isDropFrame('00:00:00;00')).toBe(true);
    expect(isDropFrame('00:00:00:00')).toBe(false);
  });

  it('refuses malformed or impossible timecodes', () => {
    expect(() => timecodeToFrames('1:00:00', FILM)).toThrow(/not a timecode/);
    expect(() => timecodeToFrames('00:00:00:24', FILM)).toThrow(/not a valid timecode/);
    expect(() => timecodeToFrames('00:61:00:00', FILM)).toThrow(/not a valid timecode/);
    expect(() => timecodeToFrames('00:01:00;00', NTSC)).toThrow(/not a valid timecode/); // a dropped label
    expect(() => timecodeToFrames('00:00:00;00', FILM)).toThrow(/Drop-frame/);
  });
});
