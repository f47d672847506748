import { describe, expect, it } from 'vitest';
import { defaultExportPath } from './exportPaths';

describe('defaultExportPath', () => {
  it('puts a ProRes movie beside a video', () => {
    expect(defaultExportPath('/shots/clip.mp4', 'prores4444', false)).toBe('/shots/clip_matte.mov');
  });

  it('names folders for image exports', () => {
    expect(defaultExportPath('/shots/clip.mp4', 'png', false)).toBe('/shots/clip_rgba');
    expect(defaultExportPath('/shots/clip.mp4', 'matte', false)).toBe('/shots/clip_alpha');
    expect(defaultExportPath('/shots/clip.mp4', 'exr', false)).toBe('/shots/clip_exr');
  });

  it('keeps digits that are part of a video name', () => {
    expect(defaultExportPath('/shots/shot_010.mov', 'prores4444', false)).toBe('/shots/shot_010_matte.mov');
  });

  it('names sequences after their base name or folder', () => {
    expect(defaultExportPath('/plates/plate.00001.exr', 'png', true)).toBe('/plates/plate_rgba');
    expect(defaultExportPath('/plates/frames/00000.png', 'matte', true)).toBe('/plates/frames/frames_alpha');
  });

  it('keeps Windows separators', () => {
    expect(defaultExportPath('D:\\shots\\a.mov', 'prores4444', false)).toBe('D:\\shots\\a_matte.mov');
  });
});
