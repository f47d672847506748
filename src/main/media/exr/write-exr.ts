/**
 * A small OpenEXR writer: one part of scanlines, every channel half float, compression NONE, ZIPS
 * (one scanline per zlib block) or ZIP (16). The layout is OpenEXR 2's: magic and version, header
 * attributes, the table of chunk offsets, then the chunks (first scanline, size, pixels). Within a
 * chunk each scanline holds each channel's row in turn, channels in the header's (sorted) order.
 */
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import type { ExrCompression } from '../../../shared/api';
import type { Rational } from '../../../shared/media';

export interface ExrChannel {
  /** "A", or "layer.A" for a layer; at most 31 bytes of ASCII (longer needs OpenEXR's long-names flag). */
  name: string;
  /** Half-float bits, row-major, one per pixel. */
  data: Uint16Array;
}

/** CIE xy of the primaries and the white point. */
export interface Chromaticities {
  red: readonly [number, number];
  green: readonly [number, number];
  blue: readonly [number, number];
  white: readonly [number, number];
}

export type ExrAttribute =
  | { name: string; type: 'string'; value: string }
  | { name: string; type: 'chromaticities'; value: Chromaticities }
  /** SMPTE time and flags packed as OpenEXR's TimeCode keeps them (see packTimecode); no user data. */
  | { name: string; type: 'timecode'; value: number }
  | { name: string; type: 'rational'; value: Rational };

export interface ExrImage {
  width: number;
  height: number;
  /** In any order: the file lists them sorted by name, as the format requires. */
  channels: ExrChannel[];
  /** Beside the ones every file has (channels, compression, windows, line order, aspect). */
  attributes: ExrAttribute[];
}

const COMPRESSION: Record<ExrCompression, { code: number; lines: number }> = {
  none: { code: 0, lines: 1 },
  zips: { code: 2, lines: 1 },
  zip: { code: 3, lines: 16 },
};

const MAGIC = 20000630;
/** File format version 2, single-part scanline, short names: no flag bits. */
const VERSION = 2;
const HALF = 1;
const MAX_NAME_BYTES = 31;
/** zlib's level for ZIP blocks: on a 1280x720 frame, about half the time of level 6 for a file 2% larger. */
const ZIP_LEVEL = 4;

const deflateAsync = promisify(deflate);

/** The whole file. Blocks are compressed on libuv's thread pool, so the caller's thread stays free meanwhile. */
export async function encodeExr(image: ExrImage, compression: ExrCompression): Promise<Buffer> {
  const { width, height } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) throw new RangeError(`An EXR image cannot be ${width}x${height}`);
  const channels = [...image.channels].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const [i, channel] of channels.entries()) {
    checkName(channel.name, 'channel');
    if (channel.name === channels[i - 1]?.name) throw new RangeError(`Two EXR channels are named ${channel.name}`);
    if (channel.data.length !== width * height) throw new RangeError(`EXR channel ${channel.name} holds ${channel.data.length} pixels, not ${width}x${height}`);
  }
  const { code, lines } = COMPRESSION[compression];
  const header = Buffer.concat([
    int32s(MAGIC, VERSION),
    attribute('channels', 'chlist', channelList(channels)),
    attribute('compression', 'compression', Buffer.from([code])),
    attribute('dataWindow', 'box2i', int32s(0, 0, width - 1, height - 1)),
    attribute('displayWindow', 'box2i', int32s(0, 0, width - 1, height - 1)),
    attribute('lineOrder', 'lineOrder', Buffer.from([0])), // increasing y
    attribute('pixelAspectRatio', 'float', floats(1)),
    attribute('screenWindowCenter', 'v2f', floats(0, 0)),
    attribute('screenWindowWidth', 'float', floats(1)),
    ...image.attributes.map(extraAttribute),
    Buffer.from([0]),
  ]);
  const blocks: Promise<Buffer>[] = [];
  for (let y = 0; y < height; y += lines) {
    const pixels = scanlines(channels, width, y, Math.min(y + lines, height));
    blocks.push(compression === 'none' ? Promise.resolve(pixels) : zipBlock(pixels));
  }
  const chunks = (await Promise.all(blocks)).map((data, i) => Buffer.concat([int32s(i * lines, data.length), data]));
  const offsets = Buffer.alloc(8 * chunks.length);
  let offset = header.length + offsets.length;
  for (const [i, chunk] of chunks.entries()) {
    offsets.writeBigUInt64LE(BigInt(offset), 8 * i);
    offset += chunk.length;
  }
  return Buffer.concat([header, offsets, ...chunks]);
}

/**
 * SMPTE 12M time and flags in OpenEXR's packing (TV60): BCD frames (bits 0-5), drop-frame flag (6),
 * seconds (8-14), minutes (16-22), hours (24-29). Rates above 30 fps count frame pairs and mark the
 * second of a pair with the field flag (15), as SMPTE 12M does.
 */
export function packTimecode(fields: { hours: number; minutes: number; seconds: number; frames: number; dropFrame: boolean }, nominalFps: number): number {
  const bcd = (n: number) => ((Math.floor(n / 10) % 10) << 4) | (n % 10);
  const pairs = nominalFps > 30;
  const frames = pairs ? Math.floor(fields.frames / 2) : fields.frames;
  const field = pairs && fields.frames % 2 === 1 ? 1 << 15 : 0;
  return ((bcd(fields.hours) << 24) | (bcd(fields.minutes) << 16) | (bcd(fields.seconds) << 8) | bcd(frames) | (fields.dropFrame ? 1 << 6 : 0) | field) >>> 0;
}

/**
 * OpenEXR's ZIP preparation of a block before zlib: the bytes split into two halves (even-indexed,
 * then odd-indexed: low and high bytes of each half float apart), then each byte replaced by its
 * difference from the one before, plus 128 (mod 256).
 */
export function zipPredict(raw: Uint8Array): Uint8Array {
  const out = new Uint8Array(raw.length);
  const middle = (raw.length + 1) >> 1;
  for (let i = 0, even = 0, odd = middle; i < raw.length; i += 2) {
    out[even++] = raw[i];
    if (i + 1 < raw.length) out[odd++] = raw[i + 1];
  }
  for (let i = out.length - 1; i > 0; i--) out[i] = (out[i] - out[i - 1] + 128) & 0xff;
  return out;
}

/** A ZIP block; stored as is when zlib does not make it smaller, which readers tell by its size. */
async function zipBlock(raw: Buffer): Promise<Buffer> {
  const packed = await deflateAsync(zipPredict(raw), { level: ZIP_LEVEL });
  return packed.length < raw.length ? packed : raw;
}

/** Scanlines [from, to) of every channel, little-endian halves, each line channel by channel. */
function scanlines(channels: ExrChannel[], width: number, from: number, to: number): Buffer {
  const halves = new Uint16Array((to - from) * channels.length * width);
  let at = 0;
  for (let y = from; y < to; y++) {
    for (const { data } of channels) {
      halves.set(data.subarray(y * width, (y + 1) * width), at);
      at += width;
    }
  }
  // Node runs on little-endian machines only (x64, arm64), where these bytes are already in file order.
  return Buffer.from(halves.buffer);
}

function channelList(channels: ExrChannel[]): Buffer {
  // name, pixel type, pLinear and three reserved bytes, x and y sampling; an empty name ends the list.
  return Buffer.concat([...channels.flatMap((c) => [cString(c.name), int32s(HALF, 0, 1, 1)]), Buffer.from([0])]);
}

function extraAttribute(a: ExrAttribute): Buffer {
  checkName(a.name, 'attribute');
  switch (a.type) {
    case 'string':
      return attribute(a.name, 'string', Buffer.from(a.value, 'utf8'));
    case 'chromaticities': {
      const { red, green, blue, white } = a.value;
      return attribute(a.name, 'chromaticities', floats(...red, ...green, ...blue, ...white));
    }
    case 'timecode':
      return attribute(a.name, 'timecode', uint32s(a.value, 0));
    case 'rational':
      return attribute(a.name, 'rational', Buffer.concat([int32s(a.value.num), uint32s(a.value.den)]));
  }
}

function checkName(name: string, what: string): void {
  if (!/^[\x21-\x7e]+$/.test(name) || name.length > MAX_NAME_BYTES) {
    throw new RangeError(`EXR ${what} name "${name}" must be 1 to ${MAX_NAME_BYTES} printable ASCII characters`);
  }
}

function attribute(name: string, type: string, value: Buffer): Buffer {
  return Buffer.concat([cString(name), cString(type), int32s(value.length), value]);
}

function cString(text: string): Buffer {
  return Buffer.from(`${text}\0`, 'latin1');
}

function int32s(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeInt32LE(v, 4 * i));
  return b;
}

function uint32s(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeUInt32LE(v, 4 * i));
  return b;
}

function floats(...values: number[]): Buffer {
  const b = Buffer.alloc(4 * values.length);
  values.forEach((v, i) => b.writeFloatLE(v, 4 * i));
  return b;
}
