/**
 * The editor's state in one store: the open clip, playhead and selection, the tool, the view, and the versions
 * of what is loaded. Components read what they draw through selectors, so a change renders only its readers.
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { sessionSlice, type SessionSlice } from './sessionSlice';
import { toolSlice, type ToolSlice } from './toolSlice';
import { versionsSlice, type VersionsSlice } from './versionsSlice';
import { currentView, viewSlice, type ViewSlice } from './viewSlice';

export type EditorState = SessionSlice & ToolSlice & ViewSlice & VersionsSlice;

export function createEditorStore() {
  return create<EditorState>()((...a) => ({ ...sessionSlice(...a), ...toolSlice(...a), ...viewSlice(...a), ...versionsSlice(...a) }));
}

/** The app's one editor. */
export const useEditor = createEditorStore();

/** The view transform in effect, the same object while its inputs stay. */
export function useView() {
  const userView = useEditor((s) => s.userView);
  const imageSize = useEditor((s) => s.imageSize);
  const viewport = useEditor((s) => s.viewport);
  return useMemo(() => currentView({ userView, imageSize, viewport }), [userView, imageSize, viewport]);
}

export const selectMedia = (s: EditorState) => s.session?.media ?? null;
export const selectMediaId = (s: EditorState) => s.session?.media.mediaId ?? null;
