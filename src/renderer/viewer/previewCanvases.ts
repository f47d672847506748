/** ViewerContent → the canvases Konva draws (the pixel work lives in pure modules). */
import { resizeGrayBilinear } from '../../shared/common/resize';
import type { GrayImage } from '../../shared/media';
import type { ObjectId } from '../../shared/prompts';
import { compositeOverChecker, greyFromAlpha } from './compositing';
import { mergeMasks, type TintedMask } from './maskPixels';
import { newCanvas, overlayCanvas } from './overlayCanvas';
import { trimapPixels } from './trimapPixels';
import type { PreviewMode } from './previewMode';
import type { ViewerContent } from './useViewerContent';

export interface PreviewCanvases {
  mode: PreviewMode;
  base: HTMLCanvasElement;
  overlay: HTMLCanvasElement | null;
  /** Compare mode: the B side (refined matte), drawn over the A side (tracker mask) right of the wipe. */
  compare: HTMLCanvasElement | null;
  /** Onion skin: the previous frame's masks as outlines. */
  onion: HTMLCanvasElement | null;
  /** The frame whose mask or matte is on screen, -1 when none is. */
  maskFrame: number;
}

export function canvasFrom(width: number, height: number, pixels: Uint8Array | Uint8ClampedArray): HTMLCanvasElement {
  const canvas = newCanvas(width, height);
  // A view of the pixels, not a copy: they are only read.
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(pixels.buffer as ArrayBuffer, pixels.byteOffset, width * height * 4), width, height), 0, 0);
  return canvas;
}

/** Tracker masks come at its working resolution: bilinear keeps their edges smooth on the frame. */
const toFrameSize = (g: GrayImage, width: number, height: number) => (g.width === width && g.height === height ? g : resizeGrayBilinear(g, width, height));

/** Checker cells about 1/80 of the frame width read the same at any resolution. */
const checkerCell = (width: number) => Math.max(8, Math.round(width / 80));

/** How one object's mask is drawn: its colour, tint and outline. */
export type OverlayOf = (objectId: ObjectId) => Omit<TintedMask, 'mask'>;

/** Onion skin in one neutral colour, faint but outlined, so it never reads as one of the objects. */
const ONION: Omit<TintedMask, 'mask'> = { color: [225, 225, 255], fill: 0.12, outline: 1 };

function layers(content: ViewerContent, overlayOf: OverlayOf): Omit<PreviewCanvases, 'mode' | 'onion'> {
  const { image, masks, matte, trimap, mode, index } = content;
  const { width, height } = image;
  const plain = { base: canvasFrom(width, height, image.data), overlay: null, compare: null, maskFrame: -1 };
  const overChecker = (alpha: GrayImage) => compositeOverChecker(image, alpha, checkerCell(width));
  switch (mode) {
    case 'overlay': {
      if (masks.length === 0) return plain;
      return {
        ...plain,
        overlay: overlayCanvas(
          masks.map((m) => ({ mask: m.mask, ...overlayOf(m.objectId) })),
          width,
          height,
        ),
        maskFrame: index,
      };
    }
    case 'trimap':
      return trimap ? { ...plain, base: canvasFrom(width, height, trimapPixels(image, toFrameSize(trimap, width, height))), maskFrame: index } : plain;
    case 'compare': {
      const mask = mergeMasks(
        masks.map((m) => toFrameSize(m.mask, width, height)),
        width,
        height,
      );
      return {
        ...plain,
        base: canvasFrom(width, height, overChecker(mask)),
        compare: matte ? canvasFrom(width, height, overChecker(toFrameSize(matte, width, height))) : null,
        maskFrame: index,
      };
    }
    case 'alpha':
    case 'checkerboard': {
      if (!matte) return plain;
      const alpha = toFrameSize(matte, width, height);
      return { ...plain, base: canvasFrom(width, height, mode === 'alpha' ? greyFromAlpha(alpha) : overChecker(alpha)), maskFrame: index };
    }
  }
}

export function previewCanvases(content: ViewerContent, overlayOf: OverlayOf): PreviewCanvases {
  const { width, height } = content.image;
  const previous = content.previous.map((m) => ({ mask: m.mask, ...ONION }));
  return {
    mode: content.mode,
    ...layers(content, overlayOf),
    onion: previous.length > 0 ? overlayCanvas(previous, width, height) : null,
  };
}
