/** What an editor tells the tracker on one frame. Coordinates are source pixels. */

export interface PointPrompt {
  kind: 'point';
  x: number;
  y: number;
  /** true = this is the object, false = this is not. */
  positive: boolean;
}

export interface BoxPrompt {
  kind: 'box';
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface StrokePrompt {
  kind: 'stroke';
  /** Flattened polyline [x0, y0, x1, y1, ...]. */
  points: number[];
  radius: number;
  mode: 'add' | 'subtract';
}

export interface MaskPrompt {
  kind: 'mask';
  width: number;
  height: number;
  /** 0..255, >= 128 is the object; scaled to the frame when sizes differ. */
  data: Uint8Array;
}

export type Prompt = PointPrompt | BoxPrompt | StrokePrompt | MaskPrompt;

export type ObjectId = number;
