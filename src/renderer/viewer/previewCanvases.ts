/** ViewerContent → the canvases Konva draws (the pixel work lives in pure modules). */
import { resizeGrayBilinear } from '../../main/imaging/resize';
import type { GrayImage } from '../../shared/media';
import type { ObjectId } from '../../shared/prompts';
import { hexToRgb } from '../objects/colors';
import { compositeOverChecker, greyFromAlpha } from './compositing';
import { overlayPixels } from './maskPixels';
import type { ViewerContent } from './useViewerContent';

export interface PreviewCanvases {
  base: HTMLCanvasElement;
  overlay: HTMLCanvasElement | null;
  /** The frame whose mask or matte is on screen, -1 when none is. */
  maskFrame: number;
}

function canvasFrom(width: number, height: number, pixels: Uint8Array | Uint8ClampedArray): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const image = new ImageData(width, height);
  image.data.set(pixels);
  canvas.getContext('2d')!.putImageData(image, 0, 0);
  return canvas;
}

/** Tracker masks come at its working resolution: bilinear keeps their edges smooth on the frame. */
const toFrameSize = (g: GrayImage, width: number, height: number) => (g.width === width && g.height === height ? g : resizeGrayBilinear(g, width, height));

/** Checker cells about 1/80 of the frame width read the same at any resolution. */
const checkerCell = (width: number) => Math.max(8, Math.round(width / 80));

export function previewCanvases(content: ViewerContent, colorOf: (objectId: ObjectId) => string): PreviewCanvases {
  const { image, masks, matte, mode, index } = content;
  const { width, height } = image;
  if (mode === 'overlay') {
    const tinted = masks.map((m) => ({ mask: toFrameSize(m.mask, width, height), color: hexToRgb(colorOf(m.objectId)) }));
    return {
      base: canvasFrom(width, height, image.data),
      overlay: tinted.length > 0 ? canvasFrom(width, height, overlayPixels(tinted, width, height)) : null,
      maskFrame: tinted.length > 0 ? index : -1,
    };
  }
  if (!matte) return { base: canvasFrom(width, height, image.data), overlay: null, maskFrame: -1 };
  const alpha = toFrameSize(matte, width, height);
  const pixels = mode === 'alpha' ? greyFromAlpha(alpha) : compositeOverChecker(image, alpha, checkerCell(width));
  return { base: canvasFrom(width, height, pixels), overlay: null, maskFrame: index };
}
