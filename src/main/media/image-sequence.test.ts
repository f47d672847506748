import { describe, expect, it } from 'vitest';
import { longestSequence, sequenceAround, sequenceFileName, sequencePattern } from './image-sequence';

const names = (prefix: string, from: number, to: number, padding: number, suffix = '.png') =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${String(from + i).padStart(padding, '0')}${suffix}`);

describe('image sequences', () => {
  it('finds the contiguous run around a chosen padded file', () => {
    const files = [...names('', 3, 40, 5), 'notes.txt', 'cover.png'];
    expect(sequenceAround('00012.png', files)).toEqual({ prefix: '', padding: 5, suffix: '.png', start: 3, count: 38 });
  });

  it('stops at gaps, as ffmpeg does', () => {
    const files = [...names('shot_', 0, 9, 4), ...names('shot_', 11, 20, 4)];
    expect(sequenceAround('shot_0015.png', files)).toMatchObject({ start: 11, count: 10 });
    expect(sequenceAround('shot_0002.png', files)).toMatchObject({ start: 0, count: 10 });
  });

  it('tells unpadded numbering from padded numbering without leading zeros', () => {
    expect(sequenceAround('10.jpg', names('', 1, 12, 0, '.jpg'))).toMatchObject({ padding: 0, start: 1, count: 12 });
    expect(sequenceAround('1000.exr', names('', 995, 1010, 4, '.exr'))).toMatchObject({ padding: 4, start: 995, count: 16 });
  });

  it('uses the last number before the extension and keeps the rest of the name', () => {
    const files = names('take2_v3.', 1, 5, 3, '.tif');
    expect(sequenceAround('take2_v3.004.tif', files)).toMatchObject({ prefix: 'take2_v3.', padding: 3, suffix: '.tif', start: 1, count: 5 });
  });

  it('picks the longest sequence of a folder', () => {
    const files = [...names('a_', 0, 4, 3), ...names('b_', 0, 9, 3), 'readme.md'];
    expect(longestSequence(files)).toMatchObject({ prefix: 'b_', start: 0, count: 10 });
    expect(longestSequence(['readme.md', 'cover.png'])).toBeNull();
  });

  it('ignores numbered files that are not images', () => {
    expect(sequenceAround('take_001.txt', ['take_001.txt', 'take_002.txt'])).toBeNull();
    expect(sequenceAround('A_1.JPG', ['A_1.JPG', 'A_2.JPG'])).toMatchObject({ suffix: '.JPG', count: 2 });
  });

  it('writes file names and ffmpeg patterns', () => {
    const shape = { prefix: '100% take_', padding: 5, suffix: '.png' };
    expect(sequenceFileName(shape, 42)).toBe('100% take_00042.png');
    expect(sequencePattern(shape)).toBe('100%% take_%05d.png');
    expect(sequencePattern({ prefix: '', padding: 0, suffix: '.jpg' })).toBe('%d.jpg');
  });
});
