import { describe, expect, it } from 'vitest';
import { defaultExportPath, joinPath } from './exportPaths';

describe('defaultExportPath', () => {
  it('puts a ProRes movie named after the video in the given folder, not beside the video', () => {
    expect(defaultExportPath('/shots/clip.mp4', 'prores4444', false, '/home/ed/Documents/SAM2Matting')).toBe('/home/ed/Documents/SAM2Matting/clip_matte.mov');
  });

  it('names folders for image exports', () => {
    expect(defaultExportPath('/shots/clip.mp4', 'png', false, '/out')).toBe('/out/clip_rgba');
    expect(defaultExportPath('/shots/clip.mp4', 'matte', false, '/out')).toBe('/out/clip_alpha');
    expect(defaultExportPath('/shots/clip.mp4', 'exr', false, '/out')).toBe('/out/clip_exr');
  });

  it('keeps digits that are part of a video name', () => {
    expect(defaultExportPath('/shots/shot_010.mov', 'prores4444', false, '/out')).toBe('/out/shot_010_matte.mov');
  });

  it('names sequences after their base name or folder', () => {
    expect(defaultExportPath('/plates/plate.00001.exr', 'png', true, '/out')).toBe('/out/plate_rgba');
    expect(defaultExportPath('/plates/frames/00000.png', 'matte', true, '/out')).toBe('/out/frames_alpha');
  });

  it('keeps Windows separators', () => {
    expect(defaultExportPath('D:\\shots\\a.mov', 'prores4444', false, 'C:\\Users\\ed\\Documents\\SAM2Matting')).toBe('C:\\Users\\ed\\Documents\\SAM2Matting\\a_matte.mov');
  });
});

describe('joinPath', () => {
  it('adds one separator', () => {
    expect(joinPath('/a/', 'b')).toBe('/a/b');
    expect(joinPath('/a', 'b')).toBe('/a/b');
    expect(joinPath('C:\\x', 'b')).toBe('C:\\x\\b');
  });
});
