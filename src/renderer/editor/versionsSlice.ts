/**
 * Versions of what the viewer and panels load: masks per object and frame, mattes (what they depend on beyond
 * the masks) and the project settings. Each moves exactly when an edit, a tracked frame or an undo changes it.
 */
import type { StateCreator } from 'zustand';
import type { HistoryStep } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import { applyChange, historyChange, promptChange, type MaskChange } from './maskChanges';
import { bumpAll, NO_VERSIONS, type MaskVersions } from './maskVersions';
import type { EditorState } from './store';

export interface VersionsSlice {
  masks: MaskVersions;
  /** Head, quality and the objects' matte controls: a matte depends on them and on its masks. */
  mattes: number;
  /** The project settings the host holds (an undo can change them). */
  settings: number;
  /** The clip's exclusive setting as last loaded; null until it is. */
  exclusive: boolean | null;
  masksChanged: (change: MaskChange | null) => void;
  /** setPrompts answered: with a mask, or none (the prompts were cleared). */
  promptsSet: (objectId: ObjectId, frame: number, cleared: boolean) => void;
  /** A propagation's 'frame' event. */
  frameTracked: (objectId: ObjectId, frame: number) => void;
  objectRemoved: (objectId: ObjectId) => void;
  /** An undo or redo. */
  historyStepped: (step: HistoryStep) => void;
  mattesChanged: () => void;
  /** The settings loaded; switching exclusive hands pixels from object to object on every frame. */
  exclusiveLoaded: (exclusive: boolean) => void;
}

export const versionsSlice: StateCreator<EditorState, [], [], VersionsSlice> = (set) => {
  const masksChanged = (change: MaskChange | null) => set((s) => ({ masks: applyChange(s.masks, change, s.exclusive ?? false) }));
  return {
    masks: NO_VERSIONS,
    mattes: 0,
    settings: 0,
    exclusive: null,
    masksChanged,
    promptsSet: (objectId, frame, cleared) => masksChanged(promptChange(objectId, frame, cleared)),
    frameTracked: (objectId, frame) => masksChanged({ objectIds: [objectId], frames: [frame] }),
    objectRemoved: (objectId) => masksChanged({ objectIds: [objectId], frames: 'all' }),
    historyStepped: (step) => {
      masksChanged(historyChange(step));
      if (step.objectId === undefined) set((s) => ({ settings: s.settings + 1, mattes: s.mattes + 1 }));
    },
    mattesChanged: () => set((s) => ({ mattes: s.mattes + 1 })),
    exclusiveLoaded: (exclusive) => set((s) => (s.exclusive === exclusive ? {} : { exclusive, masks: s.exclusive === null ? s.masks : bumpAll(s.masks) })),
  };
};
