import { useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { Prompt } from '../../shared/prompts';
import { boxFromDrag, extendStroke, isClick, isInside, roundPoint } from '../tools/gestures';
import { effectiveBrushMode, effectivePositive, type BrushMode, type Tool } from '../tools/tools';
import { panBy, screenToImage, type Point, type Size, type ViewTransform } from './viewTransform';

/** A gesture in progress; image coordinates unless named screen. */
export type Gesture =
  | { kind: 'pan'; lastScreen: Point }
  | { kind: 'point'; downScreen: Point; negate: boolean }
  | { kind: 'box'; start: Point; end: Point }
  | { kind: 'stroke'; points: number[]; mode: BrushMode };

export interface GestureSettings {
  tool: Tool;
  imageSize: Size | null;
  view: ViewTransform;
  spaceHeld: boolean;
  pointPositive: boolean;
  brushMode: BrushMode;
  brushRadius: number;
  /** false while no object can take prompts: only panning works. */
  canPrompt: boolean;
}

export interface GestureCallbacks {
  onViewChange: (view: ViewTransform) => void;
  onPrompt: (prompt: Prompt) => void;
  onSpacePan: () => void;
  onHover: (image: Point | null) => void;
}

const MIDDLE_BUTTON = 1;

function localPoint(e: ReactPointerEvent<HTMLElement>): Point {
  const rect = e.currentTarget.getBoundingClientRect();
  return { x: e.clientX - rect.left, y: e.clientY - rect.top };
}

/** Pointer handling for the viewer: pan, point clicks, box drags and brush strokes. */
export function useViewerGestures(settings: GestureSettings, callbacks: GestureCallbacks) {
  const [gesture, setGesture] = useState<Gesture | null>(null);
  // The browser sends pointer moves in place when what is under the pointer repaints (every frame of playback): only a move is a hover.
  const hovered = useRef<Point | null>(null);
  const hover = (image: Point | null) => {
    if (image?.x === hovered.current?.x && image?.y === hovered.current?.y) return;
    hovered.current = image;
    callbacks.onHover(image);
  };
  const { tool, imageSize, view, spaceHeld, canPrompt } = settings;

  const begin = (e: ReactPointerEvent<HTMLElement>): Gesture | null => {
    const screen = localPoint(e);
    const image = roundPoint(screenToImage(view, screen));
    if (e.button === MIDDLE_BUTTON || (e.button === 0 && (tool === 'hand' || spaceHeld))) {
      if (spaceHeld) callbacks.onSpacePan();
      return { kind: 'pan', lastScreen: screen };
    }
    if (e.button !== 0 || !canPrompt || !imageSize) return null;
    const modifier = e.altKey || e.shiftKey;
    switch (tool) {
      case 'point':
        return { kind: 'point', downScreen: screen, negate: modifier };
      case 'box':
        return { kind: 'box', start: image, end: image };
      case 'brush':
        return { kind: 'stroke', points: [image.x, image.y], mode: effectiveBrushMode(settings.brushMode, modifier) };
      default:
        return null;
    }
  };

  const finish = (g: Gesture, screen: Point): Prompt | null => {
    const image = roundPoint(screenToImage(view, screen));
    if (!imageSize) return null;
    switch (g.kind) {
      case 'point':
        return isClick(g.downScreen, screen) && isInside(image, imageSize)
          ? { kind: 'point', x: image.x, y: image.y, positive: effectivePositive(settings.pointPositive, g.negate) }
          : null;
      case 'box':
        return boxFromDrag(g.start, image, imageSize);
      case 'stroke':
        return { kind: 'stroke', points: g.points, radius: settings.brushRadius, mode: g.mode };
      case 'pan':
        return null;
    }
  };

  const handlers = {
    onPointerDown(e: ReactPointerEvent<HTMLElement>) {
      // Takes focus from text fields, so shortcuts work again after working on the image.
      e.currentTarget.focus();
      const g = begin(e);
      if (!g) return;
      // Stops middle-click autoscroll and text selection while dragging.
      e.preventDefault();
      e.currentTarget.setPointerCapture(e.pointerId);
      setGesture(g);
    },
    onPointerMove(e: ReactPointerEvent<HTMLElement>) {
      const screen = localPoint(e);
      const image = screenToImage(view, screen);
      hover(image);
      if (!gesture) return;
      switch (gesture.kind) {
        case 'pan':
          callbacks.onViewChange(panBy(view, screen.x - gesture.lastScreen.x, screen.y - gesture.lastScreen.y));
          setGesture({ ...gesture, lastScreen: screen });
          break;
        case 'box':
          setGesture({ ...gesture, end: roundPoint(image) });
          break;
        case 'stroke':
          setGesture({ ...gesture, points: extendStroke(gesture.points, roundPoint(image), Math.max(0.5, settings.brushRadius / 4)) });
          break;
        case 'point':
          break;
      }
    },
    onPointerUp(e: ReactPointerEvent<HTMLElement>) {
      if (!gesture) return;
      setGesture(null);
      const prompt = finish(gesture, localPoint(e));
      if (prompt) callbacks.onPrompt(prompt);
    },
    onPointerCancel() {
      setGesture(null);
    },
    onPointerLeave() {
      hover(null);
    },
  };

  return { gesture, handlers };
}
