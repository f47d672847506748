import { describe, expect, it } from 'vitest';
import type { ObjectSummary, OpenedMedia } from '../../shared/api';
import { maskVersion } from './maskVersions';
import { createEditorStore, type EditorState } from './store';
import { fitView } from '../viewer/viewTransform';
import { currentView } from './viewSlice';

const object = (objectId: number, promptFrames: number[]): ObjectSummary =>
  ({ objectId, name: `Object ${objectId}`, promptFrames, trackedFrames: [], staleFrames: [] }) as unknown as ObjectSummary;

function openedStore(frameCount = 300) {
  const store = createEditorStore();
  const media = { mediaId: 'm1', info: { width: 64, height: 32, frameCount } } as unknown as OpenedMedia;
  store.getState().openSession({ media, objects: [object(1, []), object(2, [])], origin: 'media' });
  return store;
}

/** The objects' frames whose mask version moved between two states. */
function moved(before: EditorState, after: EditorState, objects: number[], frames: number[]) {
  return objects.flatMap((o) => frames.filter((f) => maskVersion(after.masks, o, f) !== maskVersion(before.masks, o, f)).map((f) => `${o}:${f}`));
}

const FRAMES = [0, 9, 10, 11, 50, 99, 100, 101, 200, 299];

describe('editor store', () => {
  it('opens a clip at its first frame with its first object selected, and clamps the playhead', () => {
    const store = openedStore();
    expect(store.getState()).toMatchObject({ frame: 0, selectedId: 1, imageSize: { width: 64, height: 32 }, frameCount: 300 });
    store.getState().setFrame(500);
    expect(store.getState().frame).toBe(299);
    store.getState().setFrame(-3);
    expect(store.getState().frame).toBe(0);
  });

  it("bumps a prompt's result frame only", () => {
    const store = openedStore();
    const before = store.getState();
    store.getState().promptsSet(1, 10, false);
    expect(moved(before, store.getState(), [1, 2], FRAMES)).toEqual(['1:10']);
  });

  it("bumps all of an object's frames when its prompts on a frame are cleared (they may have been its last)", () => {
    const store = openedStore();
    const before = store.getState();
    store.getState().promptsSet(1, 10, true);
    expect(moved(before, store.getState(), [1, 2], FRAMES)).toEqual(FRAMES.map((f) => `1:${f}`));
  });

  it('bumps the frame a propagation reports, for that object', () => {
    const store = openedStore();
    const before = store.getState();
    store.getState().frameTracked(2, 200);
    expect(moved(before, store.getState(), [1, 2], FRAMES)).toEqual(['2:200']);
  });

  it('widens every change to all objects while they are exclusive, and bumps everything when exclusive switches', () => {
    const store = openedStore();
    store.getState().exclusiveLoaded(false);
    const loaded = store.getState();
    store.getState().exclusiveLoaded(true);
    const switched = store.getState();
    expect(moved(loaded, switched, [1, 2], FRAMES)).toHaveLength(2 * FRAMES.length);
    store.getState().frameTracked(1, 50);
    expect(moved(switched, store.getState(), [1, 2], FRAMES)).toEqual(['1:50', '2:50']);
  });

  it('the first load of the exclusive setting changes no mask', () => {
    const store = openedStore();
    const before = store.getState();
    store.getState().exclusiveLoaded(true);
    expect(moved(before, store.getState(), [1, 2], FRAMES)).toEqual([]);
  });

  it("bumps a removed object's frames, and no other object's", () => {
    const store = openedStore();
    const before = store.getState();
    store.getState().objectRemoved(2);
    expect(moved(before, store.getState(), [1, 2], FRAMES)).toEqual(FRAMES.map((f) => `2:${f}`));
  });

  it("bumps the frames of the object an undo or redo stepped on, and no other object's", () => {
    const store = openedStore();
    const before = store.getState();
    store.getState().historyStepped({ label: 'Prompts', objectId: 1, frame: 50, history: {} as never });
    expect(moved(before, store.getState(), [1, 2], FRAMES)).toEqual(FRAMES.map((f) => `1:${f}`));
    expect(store.getState().settings).toBe(before.settings);
  });

  it("bumps all of an object's frames for an object step, and settings and mattes for a settings step", () => {
    const store = openedStore();
    const before = store.getState();
    store.getState().historyStepped({ label: 'Remove object', objectId: 2, history: {} as never });
    expect(moved(before, store.getState(), [1, 2], FRAMES)).toEqual(FRAMES.map((f) => `2:${f}`));
    const objectStep = store.getState();
    store.getState().historyStepped({ label: 'Settings', history: {} as never });
    expect(moved(objectStep, store.getState(), [1, 2], FRAMES)).toEqual([]);
    expect(store.getState().settings).toBe(objectStep.settings + 1);
    expect(store.getState().mattes).toBe(objectStep.mattes + 1);
  });

  it('opening a clip again never brings back an older version', () => {
    const store = openedStore();
    store.getState().frameTracked(1, 10);
    const tracked = maskVersion(store.getState().masks, 1, 10);
    store.getState().openSession(store.getState().session!);
    expect(maskVersion(store.getState().masks, 1, 10)).toBeGreaterThan(tracked);
  });

  it('fits the clip to the viewport until the editor zooms, and fits again on F', () => {
    const store = openedStore();
    store.getState().setViewport({ width: 640, height: 320 });
    const fitted = fitView({ width: 64, height: 32 }, { width: 640, height: 320 });
    expect(currentView(store.getState())).toEqual(fitted);
    store.getState().actualPixels();
    expect(currentView(store.getState()).scale).toBe(1);
    store.getState().fit();
    expect(currentView(store.getState())).toEqual(fitted);
  });
});
