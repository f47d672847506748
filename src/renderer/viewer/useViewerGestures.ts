import { useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Prompt } from '../../shared/prompts';
import { useEditor, useView } from '../editor/store';
import { EDITOR_TOOLS, handTool, type EditorTool, type Gesture, type PointerAt } from '../tools/editorTools';
import { panBy, screenToImage, type Point } from './viewTransform';

export interface GestureCallbacks {
  /** null while no object can take prompts: only panning works. */
  onPrompt: ((prompt: Prompt) => void) | null;
  onSpacePan: () => void;
  onHover: (image: Point | null) => void;
}

const MIDDLE_BUTTON = 1;
/** Before a clip opens only panning works; tools that prompt never start. */
const NO_IMAGE = { width: 0, height: 0 };

function localPoint(e: ReactPointerEvent<HTMLElement>): Point {
  const rect = e.currentTarget.getBoundingClientRect();
  return { x: e.clientX - rect.left, y: e.clientY - rect.top };
}

/** Pointer handling for the viewer: the selected tool's gestures, and panning with the middle button or Space held. */
export function useViewerGestures(spaceHeld: boolean, callbacks: GestureCallbacks) {
  const [active, setActive] = useState<{ tool: EditorTool; gesture: Gesture } | null>(null);
  const view = useView();
  const imageSize = useEditor((s) => s.imageSize);
  const tool = useEditor((s) => s.tool);
  const setView = useEditor((s) => s.setView);

  const pointerAt = (e: ReactPointerEvent<HTMLElement>): PointerAt => {
    const screen = localPoint(e);
    return { screen, image: screenToImage(view, screen), modifier: e.altKey || e.shiftKey };
  };
  // Settings are read when used: a key pressed mid-gesture (X, [ ]) counts from then on.
  const context = () => ({ settings: useEditor.getState(), imageSize: imageSize ?? NO_IMAGE });

  const begin = (e: ReactPointerEvent<HTMLElement>) => {
    const panning = e.button === MIDDLE_BUTTON || (e.button === 0 && spaceHeld);
    if (panning && spaceHeld) callbacks.onSpacePan();
    const chosen = panning ? handTool : EDITOR_TOOLS[tool];
    if (!panning && (e.button !== 0 || (chosen.prompts && (!callbacks.onPrompt || !imageSize)))) return null;
    const gesture = chosen.down(pointerAt(e), context());
    return gesture && { tool: chosen, gesture };
  };

  const handlers = {
    onPointerDown(e: ReactPointerEvent<HTMLElement>) {
      // Takes focus from text fields, so shortcuts work again after working on the image.
      e.currentTarget.focus();
      const started = begin(e);
      if (!started) return;
      // Stops middle-click autoscroll and text selection while dragging.
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      setActive(started);
    },
    onPointerMove(e: ReactPointerEvent<HTMLElement>) {
      const at = pointerAt(e);
      callbacks.onHover(at.image);
      if (!active) return;
      const { gesture } = active;
      if (gesture.kind === 'pan') setView(panBy(view, at.screen.x - gesture.lastScreen.x, at.screen.y - gesture.lastScreen.y));
      setActive({ tool: active.tool, gesture: active.tool.move(gesture, at, context()) });
    },
    onPointerUp(e: ReactPointerEvent<HTMLElement>) {
      if (!active) return;
      setActive(null);
      const prompt = active.tool.up(active.gesture, pointerAt(e), context());
      if (prompt) callbacks.onPrompt?.(prompt);
    },
    onPointerCancel() {
      setActive(null);
    },
    onPointerLeave() {
      callbacks.onHover(null);
    },
  };

  return { gesture: active?.gesture ?? null, handlers };
}
