import { describe, expect, it } from 'vitest';
import { frameDue, framesAhead } from './playbackClock';

const NTSC = { num: 30000, den: 1001 };

describe('frameDue', () => {
  it('follows the clock at the clip rate times the speed, skipping frames it was late for', () => {
    const start = { frame: 10, time: 1000 };
    expect(frameDue(start, 1000, NTSC, { direction: 1, speed: 1 }, 300)).toBe(10);
    expect(frameDue(start, 1000 + 1001 / 30 - 0.01, NTSC, { direction: 1, speed: 1 }, 300)).toBe(10);
    expect(frameDue(start, 1000 + 1001 / 30 + 0.01, NTSC, { direction: 1, speed: 1 }, 300)).toBe(11);
    expect(frameDue(start, 2001, NTSC, { direction: 1, speed: 1 }, 300)).toBe(40);
    expect(frameDue(start, 2001, NTSC, { direction: 1, speed: 2 }, 300)).toBe(70);
    expect(frameDue(start, 1200, NTSC, { direction: -1, speed: 1 }, 300)).toBe(5);
  });

  it('stays within the clip, and before the start it is the start', () => {
    const start = { frame: 295, time: 0 };
    expect(frameDue(start, 10_000, NTSC, { direction: 1, speed: 1 }, 300)).toBe(299);
    expect(frameDue(start, 100_000, NTSC, { direction: -1, speed: 8 }, 300)).toBe(0);
    expect(frameDue(start, -50, NTSC, { direction: 1, speed: 1 }, 300)).toBe(295);
  });
});

describe('framesAhead', () => {
  it('lists the frames after the playhead in the direction of play, a step per frame of speed', () => {
    expect(framesAhead(10, { direction: 1, speed: 1 }, 300, 3)).toEqual([11, 12, 13]);
    expect(framesAhead(10, { direction: -1, speed: 2 }, 300, 3)).toEqual([8, 6, 4]);
    expect(framesAhead(298, { direction: 1, speed: 1 }, 300, 3)).toEqual([299]);
    expect(framesAhead(10, { direction: 0, speed: 1 }, 300, 3)).toEqual([]);
  });
});
