import { Circle, Group, Line, Rect } from 'react-konva';
import type { BoxPrompt, Prompt, StrokePrompt } from '../../shared/prompts';

const POSITIVE = '#3ecf8e';
const NEGATIVE = '#ff5a5f';

interface Scaled {
  /** Current view scale: markers keep their screen size at any zoom. */
  scale: number;
}

function PointMarker({ x, y, positive, scale }: { x: number; y: number; positive: boolean } & Scaled) {
  const r = 7 / scale;
  const arm = 3.5 / scale;
  const bar = { stroke: '#fff', strokeWidth: 1.6 / scale, lineCap: 'round' as const };
  return (
    <Group x={x} y={y}>
      <Circle radius={r} fill={positive ? POSITIVE : NEGATIVE} stroke="#111" strokeWidth={1 / scale} opacity={0.95} />
      <Line points={[-arm, 0, arm, 0]} {...bar} />
      {positive && <Line points={[0, -arm, 0, arm]} {...bar} />}
    </Group>
  );
}

export function BoxOutline({ box, color, scale }: { box: Omit<BoxPrompt, 'kind'>; color: string } & Scaled) {
  return <Rect x={box.x0} y={box.y0} width={box.x1 - box.x0} height={box.y1 - box.y0} stroke={color} strokeWidth={1.5 / scale} dash={[6 / scale, 4 / scale]} />;
}

export function StrokeTrail({ stroke, color }: { stroke: Omit<StrokePrompt, 'kind'>; color: string }) {
  return (
    <Line
      points={stroke.points.length === 2 ? [...stroke.points, ...stroke.points] : stroke.points}
      stroke={stroke.mode === 'add' ? color : NEGATIVE}
      strokeWidth={stroke.radius * 2}
      lineCap="round"
      lineJoin="round"
      opacity={0.35}
    />
  );
}

/** Wide strokes below boxes below points, so no marker hides under paint. */
const DRAW_ORDER: Record<Prompt['kind'], number> = { mask: 0, stroke: 1, box: 2, point: 3 };

/** The selected object's prompts on this frame; imported masks show as the mask itself. */
export function PromptShapes({ prompts, color, scale }: { prompts: readonly Prompt[]; color: string } & Scaled) {
  const ordered = [...prompts.entries()].sort(([, a], [, b]) => DRAW_ORDER[a.kind] - DRAW_ORDER[b.kind]);
  return (
    <>
      {ordered.map(([i, p]) => {
        switch (p.kind) {
          case 'point':
            return <PointMarker key={i} x={p.x} y={p.y} positive={p.positive} scale={scale} />;
          case 'box':
            return <BoxOutline key={i} box={p} color={color} scale={scale} />;
          case 'stroke':
            return <StrokeTrail key={i} stroke={p} color={color} />;
          case 'mask':
            return null;
        }
      })}
    </>
  );
}
