import { describe, expect, it, vi } from 'vitest';
import type { OpenedMedia } from '../../shared/api';
import { runShortcut, type ShortcutCommands } from './shortcutActions';
import { createEditorStore } from './store';

function setup() {
  const store = createEditorStore();
  const media = { mediaId: 'm1', info: { width: 64, height: 32, frameCount: 20 } } as unknown as OpenedMedia;
  store.getState().openSession({ media, objects: [], origin: 'media' });
  const commands = Object.fromEntries(
    ['importMask', 'propagate', 'cancelJob', 'undo', 'redo', 'saveProject', 'openProject', 'removeLastPrompt', 'timeline'].map((k) => [k, vi.fn()]),
  ) as unknown as ShortcutCommands & Record<string, ReturnType<typeof vi.fn>>;
  const run = (action: Parameters<typeof runShortcut>[0]) => runShortcut(action, store.getState(), commands);
  return { store, commands, run };
}

describe('runShortcut', () => {
  it("sets the editor's tool, polarity and brush radius", () => {
    const { store, run } = setup();
    run({ type: 'tool', tool: 'brush' });
    run({ type: 'togglePolarity' });
    const radius = store.getState().brushRadius;
    run({ type: 'brushRadius', direction: 1 });
    expect(store.getState()).toMatchObject({ tool: 'brush', pointPositive: false });
    expect(store.getState().brushRadius).toBeGreaterThan(radius);
  });

  it('moves the playhead within the clip', () => {
    const { store, run } = setup();
    run({ type: 'stepFrame', delta: 10 });
    run({ type: 'stepFrame', delta: 10 });
    expect(store.getState().frame).toBe(19);
    run({ type: 'firstFrame' });
    expect(store.getState().frame).toBe(0);
    run({ type: 'lastFrame' });
    expect(store.getState().frame).toBe(19);
  });

  it('hands the rest to the commands', () => {
    const { commands, run } = setup();
    run({ type: 'undo' });
    run({ type: 'timeline', command: 'markIn' });
    expect(commands.undo).toHaveBeenCalledOnce();
    expect(commands.timeline).toHaveBeenCalledWith('markIn');
    expect(commands.redo).not.toHaveBeenCalled();
  });
});
