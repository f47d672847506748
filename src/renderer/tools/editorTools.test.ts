import { describe, expect, it } from 'vitest';
import { EDITOR_TOOLS, TOOL_KEYS, type Gesture, type PointerAt } from './editorTools';

const ctx = { settings: { tool: 'point' as const, pointPositive: true, brushMode: 'add' as const, brushRadius: 8 }, imageSize: { width: 100, height: 50 } };
const at = (x: number, y: number, modifier = false): PointerAt => ({ screen: { x, y }, image: { x: x + 0.04, y: y + 0.04 }, modifier });

/** A press, moves and a release with one tool: the prompt it makes. */
function drag(tool: keyof typeof EDITOR_TOOLS, points: PointerAt[]) {
  const t = EDITOR_TOOLS[tool];
  let g: Gesture | null = t.down(points[0], ctx);
  for (const p of points.slice(1)) g = t.move(g!, p, ctx);
  return t.up(g!, points.at(-1)!, ctx);
}

describe('editor tools', () => {
  it('point: a click places a point, Alt/Shift flips its polarity, a wandering press places none', () => {
    expect(drag('point', [at(10, 10), at(11, 11)])).toEqual({ kind: 'point', x: 11, y: 11, positive: true });
    expect(drag('point', [at(10, 10, true), at(10, 10)])).toEqual({ kind: 'point', x: 10, y: 10, positive: false });
    expect(drag('point', [at(10, 10), at(30, 10)])).toBeNull();
    expect(drag('point', [at(120, 10), at(120, 10)])).toBeNull();
  });

  it('box: a drag makes a box clipped to the image', () => {
    expect(drag('box', [at(10, 10), at(50, 30), at(150, 40)])).toEqual({ kind: 'box', x0: 10, y0: 10, x1: 100, y1: 40 });
  });

  it('brush: a drag paints a stroke at the radius, Alt/Shift flips its mode', () => {
    expect(drag('brush', [at(0, 0), at(1, 0), at(10, 0)])).toEqual({ kind: 'stroke', points: [0, 0, 10, 0], radius: 8, mode: 'add' });
    expect(drag('brush', [at(0, 0, true), at(10, 0)])).toMatchObject({ mode: 'subtract' });
  });

  it('hand: pans and makes no prompt', () => {
    const g = EDITOR_TOOLS.hand.down(at(5, 5), ctx);
    expect(EDITOR_TOOLS.hand.move(g!, at(9, 7), ctx)).toEqual({ kind: 'pan', lastScreen: { x: 9, y: 7 } });
    expect(drag('hand', [at(5, 5), at(9, 7)])).toBeNull();
    expect(EDITOR_TOOLS.hand.prompts).toBe(false);
  });

  it("each tool's keys select it", () => {
    for (const tool of Object.values(EDITOR_TOOLS)) expect(Object.values(tool.keys)).toContainEqual({ type: 'tool', tool: tool.id });
    expect(TOOL_KEYS.x).toEqual({ type: 'togglePolarity' });
  });
});
