/** The viewer's tool and the settings tools share (polarity, brush mode and radius). */
import type { StateCreator } from 'zustand';
import { DEFAULT_BRUSH_RADIUS, stepBrushRadius, type BrushMode, type Tool } from '../tools/tools';
import type { EditorState } from './store';

export interface ToolSettings {
  tool: Tool;
  pointPositive: boolean;
  brushMode: BrushMode;
  brushRadius: number;
}

export interface ToolSlice extends ToolSettings {
  setTool: (tool: Tool) => void;
  setPointPositive: (positive: boolean) => void;
  togglePolarity: () => void;
  setBrushMode: (mode: BrushMode) => void;
  setBrushRadius: (radius: number) => void;
  stepBrushRadius: (direction: 1 | -1) => void;
}

export const toolSlice: StateCreator<EditorState, [], [], ToolSlice> = (set) => ({
  tool: 'point',
  pointPositive: true,
  brushMode: 'add',
  brushRadius: DEFAULT_BRUSH_RADIUS,
  setTool: (tool) => set({ tool }),
  setPointPositive: (pointPositive) => set({ pointPositive }),
  togglePolarity: () => set((s) => ({ pointPositive: !s.pointPositive })),
  setBrushMode: (brushMode) => set({ brushMode }),
  setBrushRadius: (brushRadius) => set({ brushRadius }),
  stepBrushRadius: (direction) => set((s) => ({ brushRadius: stepBrushRadius(s.brushRadius, direction) })),
});
