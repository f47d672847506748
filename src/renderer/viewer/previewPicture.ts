/** ViewerContent → what the viewer paints (the pixel work lives in pure modules; paintPicture.ts paints it). */
import { resizeGrayBilinear } from '../../shared/common/resize';
import type { GrayImage } from '../../shared/media';
import type { ObjectId } from '../../shared/prompts';
import { compositeOverChecker, greyFromAlpha } from './compositing';
import { mergeMasks, type TintedMask } from './maskPixels';
import { trimapPixels } from './trimapPixels';
import type { PreviewMode } from './previewMode';
import type { ViewerContent } from './useViewerContent';

/** One frame as the viewer shows it, at the content's own resolution (a proxy while the frame is shown small). */
export interface PreviewPicture {
  mode: PreviewMode;
  width: number;
  height: number;
  /** The frame, or the pixels the mode made of it (matte, checkerboard, trimap, the compare mode's A side). */
  base: ImageData;
  /** Compare mode: the B side (refined matte), put right of the wipe. */
  compare: ImageData | null;
  /** Overlay mode: the objects' masks laid over the frame, later ones over earlier ones. */
  masks: readonly TintedMask[];
  /** Onion skin: the previous frame's masks, faint and outlined. */
  onion: readonly TintedMask[];
  /** Laid over everything, scaled to the frame (the band difference in the compare mode). */
  overlayImage: HTMLCanvasElement | null;
  /** The frame whose mask or matte is on screen, -1 when none is. */
  maskFrame: number;
}

/** A view of the pixels, not a copy: they are only read. */
export const imageDataOf = (width: number, height: number, pixels: Uint8Array | Uint8ClampedArray) =>
  new ImageData(new Uint8ClampedArray(pixels.buffer as ArrayBuffer, pixels.byteOffset, width * height * 4), width, height);

/** Tracker masks come at its working resolution: bilinear keeps their edges smooth on the frame. */
const toFrameSize = (g: GrayImage, width: number, height: number) => (g.width === width && g.height === height ? g : resizeGrayBilinear(g, width, height));

/** Checker cells about 1/80 of the frame width read the same at any resolution. */
const checkerCell = (width: number) => Math.max(8, Math.round(width / 80));

/** How one object's mask is drawn: its colour, tint and outline. */
export type OverlayOf = (objectId: ObjectId) => Omit<TintedMask, 'mask'>;

/** Onion skin in one neutral colour, faint but outlined, so it never reads as one of the objects. */
const ONION: Omit<TintedMask, 'mask'> = { color: [225, 225, 255], fill: 0.12, outline: 1 };

type Layers = Pick<PreviewPicture, 'base' | 'compare' | 'masks' | 'maskFrame'>;

function layers(content: ViewerContent, overlayOf: OverlayOf): Layers {
  const { image, masks, matte, trimap, mode, index } = content;
  const { width, height } = image;
  const plain: Layers = { base: imageDataOf(width, height, image.data), compare: null, masks: [], maskFrame: -1 };
  const pixels = (data: Uint8ClampedArray) => imageDataOf(width, height, data);
  const overChecker = (alpha: GrayImage) => pixels(compositeOverChecker(image, alpha, checkerCell(width)));
  switch (mode) {
    case 'overlay':
      return masks.length === 0 ? plain : { ...plain, masks: masks.map((m) => ({ mask: m.mask, ...overlayOf(m.objectId) })), maskFrame: index };
    case 'trimap':
      return trimap ? { ...plain, base: pixels(trimapPixels(image, toFrameSize(trimap, width, height))), maskFrame: index } : plain;
    case 'compare': {
      const mask = mergeMasks(
        masks.map((m) => toFrameSize(m.mask, width, height)),
        width,
        height,
      );
      return { ...plain, base: overChecker(mask), compare: matte ? overChecker(toFrameSize(matte, width, height)) : null, maskFrame: index };
    }
    case 'alpha':
    case 'checkerboard': {
      if (!matte) return plain;
      const alpha = toFrameSize(matte, width, height);
      return { ...plain, base: mode === 'alpha' ? pixels(greyFromAlpha(alpha)) : overChecker(alpha), maskFrame: index };
    }
  }
}

export function previewPicture(content: ViewerContent, overlayOf: OverlayOf): PreviewPicture {
  const { width, height } = content.image;
  return {
    mode: content.mode,
    width,
    height,
    ...layers(content, overlayOf),
    onion: content.previous.map((m) => ({ mask: m.mask, ...ONION })),
    overlayImage: null,
  };
}
