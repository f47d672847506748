/**
 * The viewer's tools, each a small state object: the gesture a pointer down starts, how a move carries it on,
 * the prompt a pointer up makes of it, and the keys that select the tool or set its options.
 */
import type { Prompt } from '../../shared/prompts';
import type { ToolSettings } from '../editor/toolSlice';
import type { Point, Size } from '../viewer/viewTransform';
import { boxFromDrag, extendStroke, isClick, isInside, roundPoint } from './gestures';
import { effectiveBrushMode, effectivePositive, type BrushMode, type Tool } from './tools';

/** A gesture in progress; image coordinates unless named screen. */
export type Gesture =
  | { kind: 'pan'; lastScreen: Point }
  | { kind: 'point'; downScreen: Point; negate: boolean }
  | { kind: 'box'; start: Point; end: Point }
  | { kind: 'stroke'; points: number[]; mode: BrushMode };

/** Where the pointer is, and whether Alt or Shift flips the tool's polarity or mode. */
export interface PointerAt {
  screen: Point;
  /** In source pixels, unrounded. */
  image: Point;
  modifier: boolean;
}

export interface ToolContext {
  settings: ToolSettings;
  imageSize: Size;
}

/** What a tool's keys do (wherever the pointer is). */
export type ToolKeyAction = { type: 'tool'; tool: Tool } | { type: 'togglePolarity' } | { type: 'brushRadius'; direction: 1 | -1 };

export interface EditorTool<G extends Gesture = Gesture> {
  id: Tool;
  cursor: 'crosshair' | 'none' | 'grab';
  /** Whether its gestures make prompts (then only on an object that takes them). */
  prompts: boolean;
  keys: Readonly<Record<string, ToolKeyAction>>;
  /** The primary button went down: the gesture it starts, or none. */
  down(at: PointerAt, ctx: ToolContext): G | null;
  move(gesture: G, at: PointerAt, ctx: ToolContext): G;
  /** The button came up: the prompt the gesture makes, or none. */
  up(gesture: G, at: PointerAt, ctx: ToolContext): Prompt | null;
}

type Of<K extends Gesture['kind']> = Extract<Gesture, { kind: K }>;

/** Pans the view (also the middle button and Space held, with any tool); the viewer moves the view by each step. */
export const handTool: EditorTool<Of<'pan'>> = {
  id: 'hand',
  cursor: 'grab',
  prompts: false,
  keys: { v: { type: 'tool', tool: 'hand' }, h: { type: 'tool', tool: 'hand' } },
  down: (at) => ({ kind: 'pan', lastScreen: at.screen }),
  move: (gesture, at) => ({ ...gesture, lastScreen: at.screen }),
  up: () => null,
};

/** A click places a point, included or excluded; a press that wanders is no click. */
const pointTool: EditorTool<Of<'point'>> = {
  id: 'point',
  cursor: 'crosshair',
  prompts: true,
  keys: { p: { type: 'tool', tool: 'point' }, x: { type: 'togglePolarity' } },
  down: (at) => ({ kind: 'point', downScreen: at.screen, negate: at.modifier }),
  move: (gesture) => gesture,
  up: (gesture, at, { settings, imageSize }) => {
    const image = roundPoint(at.image);
    if (!isClick(gesture.downScreen, at.screen) || !isInside(image, imageSize)) return null;
    return { kind: 'point', x: image.x, y: image.y, positive: effectivePositive(settings.pointPositive, gesture.negate) };
  },
};

/** A drag draws a box, clipped to the image. */
const boxTool: EditorTool<Of<'box'>> = {
  id: 'box',
  cursor: 'crosshair',
  prompts: true,
  keys: { b: { type: 'tool', tool: 'box' } },
  down: (at) => ({ kind: 'box', start: roundPoint(at.image), end: roundPoint(at.image) }),
  move: (gesture, at) => ({ ...gesture, end: roundPoint(at.image) }),
  up: (gesture, at, { imageSize }) => boxFromDrag(gesture.start, roundPoint(at.image), imageSize),
};

/** A drag paints a stroke that adds to the mask or removes from it. */
const brushTool: EditorTool<Of<'stroke'>> = {
  id: 'brush',
  cursor: 'none',
  prompts: true,
  keys: { r: { type: 'tool', tool: 'brush' }, '[': { type: 'brushRadius', direction: -1 }, ']': { type: 'brushRadius', direction: 1 } },
  down: (at, { settings }) => {
    const p = roundPoint(at.image);
    return { kind: 'stroke', points: [p.x, p.y], mode: effectiveBrushMode(settings.brushMode, at.modifier) };
  },
  // Points closer than a quarter of the radius add nothing the brush would show.
  move: (gesture, at, { settings }) => ({ ...gesture, points: extendStroke(gesture.points, roundPoint(at.image), Math.max(0.5, settings.brushRadius / 4)) }),
  up: (gesture, _at, { settings }) => ({ kind: 'stroke', points: gesture.points, radius: settings.brushRadius, mode: gesture.mode }),
};

export const EDITOR_TOOLS: Readonly<Record<Tool, EditorTool>> = {
  point: pointTool,
  box: boxTool,
  brush: brushTool,
  hand: handTool,
};

/** Every tool's keys. */
export const TOOL_KEYS: Readonly<Record<string, ToolKeyAction>> = Object.assign({}, ...Object.values(EDITOR_TOOLS).map((t) => t.keys));
