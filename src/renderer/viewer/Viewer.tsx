import { useEffect, useLayoutEffect, useRef } from 'react';
import { Circle, Layer, Line, Stage } from 'react-konva';
import type { Prompt } from '../../shared/prompts';
import { useEditor, useView } from '../editor/store';
import { EDITOR_TOOLS, type Gesture } from '../tools/editorTools';
import type { Tool } from '../tools/tools';
import { paintPicture } from './paintPicture';
import type { PreviewPicture } from './previewPicture';
import { BoxOutline, PromptShapes, StrokeTrail } from './PromptShapes';
import { useViewerGestures } from './useViewerGestures';
import { wheelZoomFactor, zoomAt } from './viewTransform';

export interface ViewerProps {
  picture: PreviewPicture | null;
  /** Frame of the image on screen; differs from the playhead while the host catches up. */
  shownFrame: number | null;
  /** While playing the playhead runs ahead of late frames on purpose: no loading message then. */
  playing: boolean;
  spaceHeld: boolean;
  onSpacePan: () => void;
  prompts: readonly Prompt[];
  objectColor: string;
  /** null when prompts cannot be taken, with the reason shown on the viewer. */
  onPrompt: ((prompt: Prompt) => void) | null;
  emptyMessage: string | null;
  /** Why the image takes no prompts although it shows (a locked object). */
  notice: string | null;
}

/** Zoomed in this far, pixels show as squares: editors judge edges pixel by pixel. */
const SMOOTHING_LIMIT = 2;

function cursorFor(tool: Tool, gesture: Gesture | null, spaceHeld: boolean): string {
  if (gesture?.kind === 'pan') return 'grabbing';
  return spaceHeld ? 'grab' : EDITOR_TOOLS[tool].cursor;
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
  const { picture } = props;
  const imageSize = useEditor((s) => s.imageSize);
  const view = useView();
  const tool = useEditor((s) => s.tool);
  const brushRadius = useEditor((s) => s.brushRadius);
  const compareSplit = useEditor((s) => s.compareSplit);
  // -1 while no clip is open (tests wait for a real frame).
  const frame = useEditor((s) => (s.session ? s.frame : -1));
  const viewport = useEditor((s) => s.viewport);
  const hover = useEditor((s) => s.hover);
  const setView = useEditor((s) => s.setView);
  const setViewport = useEditor((s) => s.setViewport);
  const setHover = useEditor((s) => s.setHover);
  const container = useRef<HTMLDivElement>(null);
  const pictureCanvas = useRef<HTMLCanvasElement>(null);

  const { gesture, handlers } = useViewerGestures(props.spaceHeld, { onPrompt: props.onPrompt, onSpacePan: props.onSpacePan, onHover: setHover });

  useEffect(() => {
    const el = container.current!;
    const observer = new ResizeObserver(() => {
      setViewport({ width: el.clientWidth, height: el.clientHeight });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [setViewport]);

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
      setView(viewRef.current);
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [setView]);

  // Painted in the commit that brings the picture, so data-mask-frame never names a frame not yet on the canvas.
  useLayoutEffect(() => {
    if (picture) paintPicture(pictureCanvas.current!, picture, compareSplit);
  }, [picture, compareSplit]);

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
      data-frame={frame}
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
            <Line points={[imageSize.width * compareSplit, 0, imageSize.width * compareSplit, imageSize.height]} stroke="#fff" strokeWidth={1.5 / scale} />
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
      {!props.playing && props.shownFrame !== null && props.shownFrame !== frame && <div className="viewer-loading">Loading frame {frame}…</div>}
    </div>
  );
}
