/**
 * One exported frame as an OpenEXR image: the merged matte as A and its foreground colour as R G B,
 * each object's matte as <layer>.A (with its colour as <layer>.R .G .B when asked), colour in linear
 * light, straight or premultiplied; the header says what the pixels are and when they were shot.
 */
import type { AlphaMode } from '../../../shared/api';
import type { GrayImage, MediaInfo, RgbaImage } from '../../../shared/media';
import { estimateForeground } from '../../imaging/foreground';
import { addFrames, timecodeFields } from '../timecode';
import type { ExrColour } from './colour';
import { floatToHalf } from './half';
import { packTimecode, type ExrAttribute, type ExrChannel, type ExrImage } from './write-exr';

export interface ExrLayer {
  /** A valid layer name (see exrLayerNames). */
  name: string;
  alpha: GrayImage;
}

export interface ExrFrameSettings {
  source: MediaInfo;
  colour: ExrColour;
  alphaMode: AlphaMode;
  /** Each layer gets its own foreground colour too. */
  objectColour: boolean;
}

const ALPHA_HALVES = Uint16Array.from({ length: 256 }, (_, a) => floatToHalf(a / 255));

export function exrFrame(index: number, image: RgbaImage, alpha: GrayImage, layers: readonly ExrLayer[], settings: ExrFrameSettings): ExrImage {
  const channels = [
    ...colourChannels('', image, alpha, settings),
    ...layers.flatMap((layer) => (settings.objectColour ? colourChannels(`${layer.name}.`, image, layer.alpha, settings) : [alphaChannel(`${layer.name}.`, layer.alpha)])),
  ];
  return { width: image.width, height: image.height, channels, attributes: exrAttributes(index, settings) };
}

function alphaChannel(prefix: string, alpha: GrayImage): ExrChannel {
  return { name: `${prefix}A`, data: Uint16Array.from(alpha.data, (a) => ALPHA_HALVES[a]) };
}

/** A, and R G B: the foreground colour estimated under that matte, linear, premultiplied by it when asked. */
function colourChannels(prefix: string, image: RgbaImage, alpha: GrayImage, { colour, alphaMode }: ExrFrameSettings): ExrChannel[] {
  const foreground = estimateForeground(image, alpha).data;
  const straight = Uint16Array.from(colour.toLinear, floatToHalf);
  const rgb = [new Uint16Array(alpha.data.length), new Uint16Array(alpha.data.length), new Uint16Array(alpha.data.length)];
  for (let p = 0; p < alpha.data.length; p++) {
    const a = alpha.data[p];
    for (let c = 0; c < 3; c++) {
      const code = foreground[4 * p + c];
      // Premultiplied in linear light, where it means what a compositor takes it to.
      rgb[c][p] = alphaMode === 'straight' || a === 255 ? straight[code] : a === 0 ? 0 : floatToHalf((colour.toLinear[code] * a) / 255);
    }
  }
  return [alphaChannel(prefix, alpha), ...['R', 'G', 'B'].map((name, c) => ({ name: `${prefix}${name}`, data: rgb[c] }))];
}

function exrAttributes(index: number, { source, colour, alphaMode }: ExrFrameSettings): ExrAttribute[] {
  const attributes: ExrAttribute[] = [
    { name: 'chromaticities', type: 'chromaticities', value: colour.chromaticities },
    { name: 'framesPerSecond', type: 'rational', value: source.fps },
    { name: 'alphaMode', type: 'string', value: alphaMode },
    { name: 'sourceTransfer', type: 'string', value: colour.transferNote },
    { name: 'sourcePrimaries', type: 'string', value: colour.primariesNote },
  ];
  if (source.timecode) {
    const fields = timecodeFields(addFrames(source.timecode, index, source.fps));
    attributes.push({ name: 'timeCode', type: 'timecode', value: packTimecode(fields, Math.round(source.fps.num / source.fps.den)) });
  }
  return attributes;
}
