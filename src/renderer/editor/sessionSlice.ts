/** The open clip, the playhead on it and the selected object: reset together when another clip opens. */
import type { StateCreator } from 'zustand';
import type { ObjectSummary, OpenedMedia } from '../../shared/api';
import type { ObjectId } from '../../shared/prompts';
import { clampFrame } from '../timeline/segments';
import type { Size } from '../viewer/viewTransform';
import { bumpAll } from './maskVersions';
import type { EditorState } from './store';

/** How a session came to be open: a restored autosave holds work no project file has yet. */
export type SessionOrigin = 'media' | 'project' | 'recovery';

/** An open clip with its objects: never one without the other, so prompts have a target at once. */
export interface MediaSession {
  media: OpenedMedia;
  objects: ObjectSummary[];
  origin: SessionOrigin;
}

export interface SessionSlice {
  session: MediaSession | null;
  /** The clip's size in source pixels. */
  imageSize: Size | null;
  frameCount: number;
  /** The playhead. */
  frame: number;
  /** The object prompts go to. */
  selectedId: ObjectId | null;
  /** Another clip: its first frame, fitted, its first object selected, in the one render that shows it. */
  openSession: (session: MediaSession) => void;
  setFrame: (frame: number) => void;
  select: (objectId: ObjectId | null) => void;
}

export const sessionSlice: StateCreator<EditorState, [], [], SessionSlice> = (set, get) => ({
  session: null,
  imageSize: null,
  frameCount: 1,
  frame: 0,
  selectedId: null,
  openSession: (session) => {
    const { width, height, frameCount } = session.media.info;
    set((s) => ({
      session,
      imageSize: { width, height },
      frameCount,
      frame: 0,
      selectedId: session.objects[0]?.objectId ?? null,
      userView: null,
      // Never back to 0: a clip opened again under the same id must not find its old contents valid.
      masks: bumpAll(s.masks),
      exclusive: null,
    }));
  },
  setFrame: (frame) => set({ frame: clampFrame(frame, get().frameCount) }),
  select: (selectedId) => set({ selectedId }),
});
