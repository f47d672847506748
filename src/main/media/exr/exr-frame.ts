/**
 * One exported frame as an OpenEXR image: the merged matte as A and its foreground colour as R G B,
 * each object's matte as <layer>.A (with its colour as <layer>.R .G .B when asked), colour in linear
 * light, straight or premultiplied; the header says what the pixels are and when they were shot.
 */
import type { AlphaMode } from '../../../shared/api';
import { addFrames, timecodeFields } from '../../../shared/common/timecode';
import type { GrayImage, MediaInfo, RgbaImage } from '../../../shared/media';
import { estimateForeground } from '../../imaging/foreground';
import { decontaminate } from '../../imaging/matte-refine';
import type { ExrColour } from './colour';
import { floatToHalf } from './half';
import { packTimecode, type ExrAttribute, type ExrChannel, type ExrImage } from './write-exr';

/** A matte and how much of its foreground colour estimate replaces the image's (0..1 per pixel; all where omitted). */
export interface ExrMatte {
  alpha: GrayImage;
  decontamination?: Float32Array;
}

export interface ExrLayer extends ExrMatte {
  /** A valid layer name (see exrLayerNames). */
  name: string;
}

export interface ExrFrameSettings {
  source: MediaInfo;
  colour: ExrColour;
  alphaMode: AlphaMode;
  /** Each layer gets its own foreground colour too. */
  objectColour: boolean;
}

const ALPHA_HALVES = Uint16Array.from({ length: 256 }, (_, a) => floatToHalf(a / 255));

export function exrFrame(index: number, { image, ...matte }: ExrMatte & { image: RgbaImage }, layers: readonly ExrLayer[], settings: ExrFrameSettings): ExrImage {
  const channels = [
    ...colourChannels('', image, matte, settings),
    ...layers.flatMap((layer) => (settings.objectColour ? colourChannels(`${layer.name}.`, image, layer, settings) : [alphaChannel(`${layer.name}.`, layer.alpha)])),
  ];
  return { width: image.width, height: image.height, channels, attributes: exrAttributes(index, settings) };
}

function alphaChannel(prefix: string, alpha: GrayImage): ExrChannel {
  const data = new Uint16Array(alpha.data.length);
  for (let p = 0; p < data.length; p++) data[p] = ALPHA_HALVES[alpha.data[p]];
  return { name: `${prefix}A`, data };
}

/** A, and R G B: the foreground colour estimated under that matte, linear, premultiplied by it when asked. */
function colourChannels(prefix: string, image: RgbaImage, { alpha, decontamination }: ExrMatte, { colour, alphaMode }: ExrFrameSettings): ExrChannel[] {
  const foreground = decontaminate(image, estimateForeground(image, alpha), decontamination).data;
  const { toLinear } = colour;
  const straight = Uint16Array.from(toLinear, floatToHalf);
  const premultiplied = alphaMode === 'premultiplied';
  const channels = ['R', 'G', 'B'].map((name, c) => {
    const data = new Uint16Array(alpha.data.length);
    for (let p = 0, i = c; p < data.length; p++, i += 4) {
      const a = alpha.data[p];
      // Premultiplied in linear light, where it means what a compositor takes it to.
      data[p] = !premultiplied || a === 255 ? straight[foreground[i]] : a === 0 ? 0 : floatToHalf((toLinear[foreground[i]] * a) / 255);
    }
    return { name: `${prefix}${name}`, data };
  });
  return [alphaChannel(prefix, alpha), ...channels];
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
