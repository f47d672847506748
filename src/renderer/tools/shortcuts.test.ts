import { describe, expect, it } from 'vitest';
import { belongsToControl, shortcutFor } from './shortcuts';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('shortcutFor', () => {
  it('maps tool keys, either case', () => {
    expect(shortcutFor(key('p'))).toEqual({ type: 'tool', tool: 'point' });
    expect(shortcutFor(key('B'))).toEqual({ type: 'tool', tool: 'box' });
    expect(shortcutFor(key('r'))).toEqual({ type: 'tool', tool: 'brush' });
    expect(shortcutFor(key('v'))).toEqual({ type: 'tool', tool: 'hand' });
    expect(shortcutFor(key('h'))).toEqual({ type: 'tool', tool: 'hand' });
    expect(shortcutFor(key('m'))).toEqual({ type: 'importMask' });
  });

  it('maps view and brush keys', () => {
    expect(shortcutFor(key('f'))).toEqual({ type: 'fit' });
    expect(shortcutFor(key('1'))).toEqual({ type: 'actualPixels' });
    expect(shortcutFor(key('['))).toEqual({ type: 'brushRadius', direction: -1 });
    expect(shortcutFor(key(']'))).toEqual({ type: 'brushRadius', direction: 1 });
  });

  it('maps frame navigation', () => {
    expect(shortcutFor(key('ArrowLeft'))).toEqual({ type: 'stepFrame', delta: -1 });
    expect(shortcutFor(key('ArrowRight', { shiftKey: true }))).toEqual({ type: 'stepFrame', delta: 10 });
    expect(shortcutFor(key('Home'))).toEqual({ type: 'firstFrame' });
    expect(shortcutFor(key('End'))).toEqual({ type: 'lastFrame' });
  });

  it('maps job and edit commands', () => {
    expect(shortcutFor(key('Enter', { ctrlKey: true }))).toEqual({ type: 'propagate' });
    expect(shortcutFor(key('Enter', { metaKey: true }))).toEqual({ type: 'propagate' });
    expect(shortcutFor(key('Enter'))).toBeNull();
    expect(shortcutFor(key('Escape'))).toEqual({ type: 'cancelJob' });
    expect(shortcutFor(key('z', { ctrlKey: true }))).toEqual({ type: 'removeLastPrompt' });
  });

  it('leaves other chords to the system', () => {
    expect(shortcutFor(key('p', { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key('p', { altKey: true }))).toBeNull();
    expect(shortcutFor(key('q'))).toBeNull();
  });
});

describe('belongsToControl', () => {
  it('lets text fields keep their keys but not Escape', () => {
    expect(belongsToControl('p', { tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(belongsToControl('Escape', { tagName: 'INPUT', type: 'text' })).toBe(false);
  });

  it('lets sliders keep arrows only', () => {
    expect(belongsToControl('ArrowLeft', { tagName: 'INPUT', type: 'range' })).toBe(true);
    expect(belongsToControl('p', { tagName: 'INPUT', type: 'range' })).toBe(false);
  });

  it('lets drop-downs keep navigation but not letters', () => {
    expect(belongsToControl('ArrowDown', { tagName: 'SELECT' })).toBe(true);
    expect(belongsToControl('f', { tagName: 'SELECT' })).toBe(false);
  });

  it('leaves other elements to the shortcuts', () => {
    expect(belongsToControl('p', { tagName: 'DIV' })).toBe(false);
    expect(belongsToControl('p', { tagName: 'BUTTON' })).toBe(false);
  });
});
