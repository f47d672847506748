import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Circle, Layer, Line, Stage } from 'react-konva';
import type { Prompt } from '../../shared/prompts';
import type { BrushMode, Tool } from '../tools/tools';
import { paintPicture } from './paintPicture';
import type { PreviewPicture } from './previewPicture';
import { BoxOutline, PromptShapes, StrokeTrail } from './PromptShapes';
import { useViewerGestures, type Gesture } from './useViewerGestures';
import { wheelZoomFactor, zoomAt, type Point, type Size, type ViewTransform } from './viewTransform';

export interface ViewerProps {
  imageSize: Size | null;
  picture: PreviewPicture | null;
  view: ViewTransform;
  onViewChange: (view: ViewTransform) => void;
  onViewportResize: (size: Size) => void;
  /** The playhead, -1 while no clip is open (tests wait for a real frame). */
  frame: number;
  /** Frame of the image on screen; differs from frame while the host catches up. */
  shownFrame: number | null;
  /** While playing the playhead runs ahead of late frames on purpose: no loading message then. */
  playing: boolean;
  tool: Tool;
  spaceHeld: boolean;
  onSpacePan: () => void;
  pointPositive: boolean;
  brushMode: BrushMode;
  brushRadius: number;
  prompts: readonly Prompt[];
  objectColor: string;
  /** null when prompts cannot be taken, with the reason shown on the viewer. */
  onPrompt: ((prompt: Prompt) => void) | null;
  onHover: (image: Point | null) => void;
  emptyMessage: string | null;
  /** Why the image takes no prompts although it shows (a locked object). */
  notice: string | null;
  /** Compare mode: where the wipe between A (mask) and B (matte) sits, 0..1 of the width. */
  compareSplit: number;
}

/** Zoomed in this far, pixels show as squares: editors judge edges pixel by pixel. */
const SMOOTHING_LIMIT = 2;

function cursorFor(tool: Tool, gesture: Gesture | null, spaceHeld: boolean): string {
  if (gesture?.kind === 'pan') return 'grabbing';
  if (spaceHeld || tool === 'hand') return 'grab';
  return tool === 'brush' ? 'none' : 'crosshair';
}

function GesturePreview({ gesture, color, scale, radius }: { gesture: Gesture | null; color: string; scale: number; radius: number }) {
  if (gesture?.kind === 'box') {
    const box = {
      x0: Math.min(gesture.start.x, gesture.end.x),
      y0: Math.min(gesture.start.y, gesture.end.y),
      x1: Math.max(gesture.start.x, gesture.end.x),
      y1: Math.max(gesture.start.y, gesture.end.y),
    };
    return <BoxOutline box={box} color={color} scale={scale} />;
  }
  if (gesture?.kind === 'stroke') return <StrokeTrail stroke={{ points: gesture.points, radius, mode: gesture.mode }} color={color} />;
  return null;
}

export function Viewer(props: ViewerProps) {
  const { imageSize, picture, view, onViewChange, onViewportResize, tool, brushRadius } = props;
  const container = useRef<HTMLDivElement>(null);
  const pictureCanvas = useRef<HTMLCanvasElement>(null);
  const [viewport, setViewport] = useState<Size>({ width: 0, height: 0 });
  const [hover, setHover] = useState<Point | null>(null);

  const { gesture, handlers } = useViewerGestures(
    { ...props, canPrompt: props.onPrompt !== null },
    {
      onViewChange,
      onPrompt: (prompt) => props.onPrompt?.(prompt),
      onSpacePan: props.onSpacePan,
      onHover: (p) => {
        setHover(p);
        props.onHover(p);
      },
    },
  );

  useEffect(() => {
    const el = container.current!;
    const observer = new ResizeObserver(() => {
      const size = { width: el.clientWidth, height: el.clientHeight };
      setViewport(size);
      onViewportResize(size);
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [onViewportResize]);

  // Several wheel events can land before React renders the last zoom: each builds on the previous.
  const viewRef = useRef(view);
  useEffect(() => {
    viewRef.current = view;
  }, [view]);
  // React's wheel listener is passive; zooming must stop the page from scrolling.
  useEffect(() => {
    const el = container.current!;
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      const rect = el.getBoundingClientRect();
      viewRef.current = zoomAt(viewRef.current, { x: e.clientX - rect.left, y: e.clientY - rect.top }, wheelZoomFactor(e.deltaY, e.deltaMode));
      onViewChange(viewRef.current);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [onViewChange]);

  // Painted in the commit that brings the picture, so data-mask-frame never names a frame not yet on the canvas.
  useLayoutEffect(() => {
    if (picture) paintPicture(pictureCanvas.current!, picture, props.compareSplit);
  }, [picture, props.compareSplit]);

  const { scale } = view;
  // The canvas holds the picture at its own resolution; the compositor scales it to the view.
  const pictureScale = imageSize && picture ? (scale * imageSize.width) / picture.width : 1;
  return (
    <div
      ref={container}
      className="viewer"
      tabIndex={-1}
      data-testid="viewer"
      data-scale={scale}
      data-offset-x={view.offsetX}
      data-offset-y={view.offsetY}
      data-frame={props.frame}
      data-mask-frame={picture?.maskFrame ?? -1}
      data-onion={picture?.onion.length ? 'shown' : 'none'}
      data-preview-mode={picture?.mode}
      style={{ cursor: cursorFor(tool, gesture, props.spaceHeld) }}
      onContextMenu={(e) => e.preventDefault()}
      {...handlers}
    >
      <canvas
        ref={pictureCanvas}
        className="viewer-picture"
        style={{
          visibility: picture && imageSize ? 'visible' : 'hidden',
          transform: `translate(${view.offsetX}px, ${view.offsetY}px) scale(${pictureScale})`,
          imageRendering: scale < SMOOTHING_LIMIT ? 'auto' : 'pixelated',
        }}
      />
      <Stage className="viewer-stage" width={viewport.width} height={viewport.height} scaleX={scale} scaleY={scale} x={view.offsetX} y={view.offsetY} listening={false}>
        <Layer>
          {imageSize && picture?.compare && (
            <Line points={[imageSize.width * props.compareSplit, 0, imageSize.width * props.compareSplit, imageSize.height]} stroke="#fff" strokeWidth={1.5 / scale} />
          )}
          <PromptShapes prompts={props.prompts} color={props.objectColor} scale={scale} />
          <GesturePreview gesture={gesture} color={props.objectColor} scale={scale} radius={brushRadius} />
          {tool === 'brush' && hover && !props.spaceHeld && (
            <Circle x={hover.x} y={hover.y} radius={brushRadius} stroke="#fff" strokeWidth={1 / scale} dash={[4 / scale, 3 / scale]} />
          )}
        </Layer>
      </Stage>
      {picture?.compare && (
        <div className="compare-labels" data-testid="compare-labels">
          <span>A · tracker mask</span>
          <span>B · refined matte</span>
        </div>
      )}
      {props.emptyMessage && <div className="viewer-message">{props.emptyMessage}</div>}
      {props.notice && (
        <div className="viewer-notice" data-testid="viewer-notice">
          {props.notice}
        </div>
      )}
      {!props.playing && props.shownFrame !== null && props.shownFrame !== props.frame && <div className="viewer-loading">Loading frame {props.frame}…</div>}
    </div>
  );
}
