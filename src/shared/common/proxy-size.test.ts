import { describe, expect, it } from 'vitest';
import { playbackWidthFor, proxySize, proxyWidthFor, proxyWidths } from './proxy-size';

describe('proxy sizes', () => {
  it('are quarters of the source width', () => {
    expect(proxyWidths(1280)).toEqual([320, 640, 960, 1280]);
    expect(proxyWidths(1918)).toEqual([480, 959, 1439, 1918]);
  });

  it('load the smallest proxy at least as wide as the frame is shown, the source beyond it', () => {
    expect(proxyWidthFor(1280, 948)).toBe(960);
    expect(proxyWidthFor(1280, 960)).toBe(960);
    expect(proxyWidthFor(1280, 100)).toBe(320);
    expect(proxyWidthFor(1280, 2560)).toBe(1280);
  });

  it('keep the aspect ratio', () => {
    expect(proxySize({ width: 1280, height: 720 }, 960)).toEqual({ width: 960, height: 540 });
    expect(proxySize({ width: 1920, height: 1080 }, 480)).toEqual({ width: 480, height: 270 });
  });

  it('play at a share of the shown width, never below the smallest proxy', () => {
    expect(playbackWidthFor(1280, 948, 'full')).toBe(960);
    expect(playbackWidthFor(1280, 948, 'half')).toBe(640);
    expect(playbackWidthFor(1280, 948, 'quarter')).toBe(320);
    expect(playbackWidthFor(1280, 200, 'quarter')).toBe(320);
    expect(playbackWidthFor(1280, 2560, 'half')).toBe(1280);
  });
});
