import { describe, expect, it } from 'vitest';
import { belongsToControl, reachesPastControls, shortcutFor } from './shortcuts';

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
    expect(shortcutFor(key('Backspace'))).toEqual({ type: 'removeLastPrompt' });
  });

  it('maps undo, redo, save and open on Ctrl or Cmd', () => {
    expect(shortcutFor(key('z', { ctrlKey: true }))).toEqual({ type: 'undo' });
    expect(shortcutFor(key('z', { metaKey: true }))).toEqual({ type: 'undo' });
    expect(shortcutFor(key('Z', { ctrlKey: true, shiftKey: true }))).toEqual({ type: 'redo' });
    expect(shortcutFor(key('y', { ctrlKey: true }))).toEqual({ type: 'redo' });
    expect(shortcutFor(key('s', { ctrlKey: true }))).toEqual({ type: 'saveProject' });
    expect(shortcutFor(key('o', { metaKey: true }))).toEqual({ type: 'openProject' });
    expect(shortcutFor(key('z'))).toBeNull();
  });

  it('maps the timeline: J/K/L shuttle, in/out points, doubtful frames', () => {
    expect(shortcutFor(key('j'))).toEqual({ type: 'timeline', command: 'playReverse' });
    expect(shortcutFor(key('K'))).toEqual({ type: 'timeline', command: 'stop' });
    expect(shortcutFor(key('l'))).toEqual({ type: 'timeline', command: 'playForward' });
    expect(shortcutFor(key('i'))).toEqual({ type: 'timeline', command: 'markIn' });
    expect(shortcutFor(key('o'))).toEqual({ type: 'timeline', command: 'markOut' });
    expect(shortcutFor(key('i', { altKey: true }))).toEqual({ type: 'timeline', command: 'clearIn' });
    expect(shortcutFor(key('o', { altKey: true }))).toEqual({ type: 'timeline', command: 'clearOut' });
    expect(shortcutFor(key('.'))).toEqual({ type: 'timeline', command: 'nextDoubtful' });
    expect(shortcutFor(key(','))).toEqual({ type: 'timeline', command: 'previousDoubtful' });
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

describe('reachesPastControls', () => {
  it('lets save and open through a focused field, but not undo or plain letters', () => {
    expect(reachesPastControls(key('s', { ctrlKey: true }))).toBe(true);
    expect(reachesPastControls(key('O', { metaKey: true, shiftKey: true }))).toBe(true);
    expect(reachesPastControls(key('z', { ctrlKey: true }))).toBe(false);
    expect(reachesPastControls(key('s'))).toBe(false);
    expect(reachesPastControls(key('s', { ctrlKey: true, altKey: true }))).toBe(false);
  });
});
