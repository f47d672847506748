import { describe, expect, it } from 'vitest';
import { defaultProjectPath, folderOf, isProjectFile, outputFolder, projectName, windowTitle } from './projectPaths';

describe('project names', () => {
  it('suggests a project file named after the media in the work folder, not beside the media', () => {
    expect(defaultProjectPath('/shots/clip 01.mp4', '/home/ed/Documents/SAM2Matting')).toBe('/home/ed/Documents/SAM2Matting/clip 01.sam2m.json');
    expect(defaultProjectPath('D:\\shots\\a.mov', 'C:\\Users\\ed\\Documents\\SAM2Matting')).toBe('C:\\Users\\ed\\Documents\\SAM2Matting\\a.sam2m.json');
  });

  it("sends output to the project's folder once it has one, else to the work folder", () => {
    expect(outputFolder('/p/q/shot.sam2m.json', '/w')).toBe('/p/q');
    expect(outputFolder(null, '/w')).toBe('/w');
  });

  it('names a project after its file, or the clip before the first save', () => {
    expect(projectName('/p/Hero shot.sam2m.json', '/m/a.mp4')).toBe('Hero shot');
    expect(projectName('/p/old.json', '/m/a.mp4')).toBe('old');
    expect(projectName(null, '/m/a.mp4')).toBe('a.mp4 (not saved)');
  });

  it('marks unsaved changes in the title', () => {
    expect(windowTitle('Hero', true)).toBe('● Hero — SAM2Matting Studio');
    expect(windowTitle('Hero', false)).toBe('Hero — SAM2Matting Studio');
    expect(windowTitle(null, false)).toBe('SAM2Matting Studio');
  });

  it('recognises project files by their extension', () => {
    expect(isProjectFile('Shot.SAM2M.JSON')).toBe(true);
    expect(isProjectFile('old.json')).toBe(true);
    expect(isProjectFile('shot.mp4')).toBe(false);
  });

  it('gives the folder of a path', () => {
    expect(folderOf('/p/q/r.json')).toBe('/p/q');
  });
});
