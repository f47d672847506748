/**
 * The viewer's picture painted by the canvas itself (on the GPU where the browser has one): the frame's
 * pixels are put once, each mask is tinted once at the tracker's size and scaled by drawImage (bilinear),
 * its cut is stroked as a path. No per-pixel JS at the frame's size and no new canvas per frame, so
 * playback keeps up.
 */
import type { GrayImage } from '../../shared/media';
import { contourSegments } from './maskContour';
import { outlineWidth, type Rgb, type TintedMask } from './maskPixels';
import { imageDataOf, type PreviewPicture } from './previewPicture';

/** The mask in one colour whose alpha is its probability, at the mask's own size. */
export function tintedMaskPixels(mask: GrayImage, [r, g, b]: Rgb): Uint8ClampedArray<ArrayBuffer> {
  const out = new Uint8ClampedArray(mask.width * mask.height * 4);
  const words = new Uint32Array(out.buffer);
  // Little-endian RGBA in one word: alpha in the top byte.
  const rgb = (b << 16) | (g << 8) | r;
  for (let i = 0; i < mask.data.length; i++) words[i] = ((mask.data[i] << 24) | rgb) >>> 0;
  return out;
}

export function newCanvas(width: number, height: number): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  return canvas;
}

/** Memoised per mask (masks are immutable and shared by the content cache), then by what else they depend on. */
function perMask<T>(make: (mask: GrayImage, key: string) => T) {
  const memo = new WeakMap<GrayImage, Map<string, T>>();
  return (mask: GrayImage, key: string): T => {
    let byKey = memo.get(mask);
    if (!byKey) memo.set(mask, (byKey = new Map()));
    let value = byKey.get(key);
    if (value === undefined) byKey.set(key, (value = make(mask, key)));
    return value;
  };
}

/** A canvas holding the pixels (RGBA rows), for drawImage to scale. */
export function canvasFrom(width: number, height: number, pixels: Uint8Array | Uint8ClampedArray): HTMLCanvasElement {
  const canvas = newCanvas(width, height);
  canvas.getContext('2d')!.putImageData(imageDataOf(width, height, pixels), 0, 0);
  return canvas;
}

const css = ([r, g, b]: Rgb) => `rgb(${r},${g},${b})`;

const tintedMask = perMask((mask, color) => canvasFrom(mask.width, mask.height, tintedMaskPixels(mask, color.split(',').map(Number) as unknown as Rgb)));

const contourPath = perMask((mask, size) => {
  const [width, height] = size.split('x').map(Number);
  const segments = contourSegments(mask, width, height);
  const path = new Path2D();
  for (let i = 0; i < segments.length; i += 4) {
    path.moveTo(segments[i], segments[i + 1]);
    path.lineTo(segments[i + 2], segments[i + 3]);
  }
  return path;
});

/** A scratch layer reused from frame to frame, for objects drawn over others. */
let layer: CanvasRenderingContext2D | null = null;
function layerOf(width: number, height: number): CanvasRenderingContext2D {
  if (!layer || layer.canvas.width !== width || layer.canvas.height !== height) layer = newCanvas(width, height).getContext('2d')!;
  layer.clearRect(0, 0, width, height);
  return layer;
}

/** One object: the tint following the probability, and along the cut the outline instead of the tint. */
function drawObject(ctx: CanvasRenderingContext2D, { mask, color, fill, outline }: TintedMask, lineWidth: number): void {
  const { width, height } = ctx.canvas;
  if (fill > 0) {
    ctx.globalAlpha = fill;
    ctx.drawImage(tintedMask(mask, color.join(',')), 0, 0, width, height);
  }
  if (outline > 0) {
    const path = contourPath(mask, `${width}x${height}`);
    ctx.lineWidth = lineWidth;
    ctx.lineCap = 'round';
    if (fill > 0) {
      ctx.globalAlpha = 1;
      ctx.globalCompositeOperation = 'destination-out';
      ctx.stroke(path);
      ctx.globalCompositeOperation = 'source-over';
    }
    ctx.globalAlpha = outline;
    ctx.strokeStyle = css(color);
    ctx.stroke(path);
  }
  ctx.globalAlpha = 1;
}

/** Masks laid over what the context holds: objects with both a tint and an outline go through a layer, so the outline's cut-out spares what is below. */
function drawMasks(ctx: CanvasRenderingContext2D, masks: readonly TintedMask[]): void {
  const { width, height } = ctx.canvas;
  const lineWidth = outlineWidth(width);
  for (const m of masks) {
    if (m.fill === 0 || m.outline === 0) {
      drawObject(ctx, m, lineWidth);
      continue;
    }
    const over = layerOf(width, height);
    drawObject(over, m, lineWidth);
    ctx.drawImage(over.canvas, 0, 0);
  }
}

/**
 * Paints a picture into the viewer's one canvas, kept from frame to frame (no canvas made per frame):
 * the frame's pixels put as they are, the compare mode's B side right of the wipe, then the masks. The
 * canvas stays at the picture's resolution; the page scales it to the view.
 */
export function paintPicture(canvas: HTMLCanvasElement, picture: PreviewPicture, compareSplit: number): void {
  const { width, height } = picture;
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
  }
  const ctx = canvas.getContext('2d')!;
  ctx.putImageData(picture.base, 0, 0);
  if (picture.compare) {
    const x = Math.round(width * compareSplit);
    ctx.putImageData(picture.compare, 0, 0, x, 0, width - x, height);
  }
  drawMasks(ctx, picture.masks);
  drawMasks(ctx, picture.onion);
  if (picture.overlayImage) ctx.drawImage(picture.overlayImage, 0, 0, width, height);
}
