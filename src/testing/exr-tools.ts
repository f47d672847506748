/**
 * Independent readers of OpenEXR files for the tests: OpenEXR's own exrheader and OpenImageIO's
 * oiiotool (Debian: apt-get install openexr openimageio-tools; .ci/run installs them).
 */
import { execFile } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { promisify } from 'node:util';

const run = promisify(execFile);

async function tool(binary: string, args: string[]): Promise<string> {
  try {
    return (await run(binary, args, { maxBuffer: 256 * 1024 * 1024 })).stdout;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${binary} is missing: apt-get install openexr openimageio-tools (.ci/run does)`);
    throw err;
  }
}

/** The header as OpenEXR's library reads it. */
export function exrHeader(path: string): Promise<string> {
  return tool('exrheader', [path]);
}

/** `oiiotool --info -v`: size, channels, pixel type, compression and attributes as OpenImageIO reads them. */
export function oiioInfo(path: string): Promise<string> {
  return tool('oiiotool', ['--info', '-v', path]);
}

export interface DecodedExr {
  width: number;
  height: number;
  /** Every channel's pixels as OpenImageIO decodes them, row-major. */
  channels: Map<string, Float32Array>;
}

export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Every pixel, or those of a region, decoded by OpenImageIO (`--dumpdata`: text, so meant for small pictures). */
export async function decodeExr(path: string, region?: Region): Promise<DecodedExr> {
  if (region) {
    const cut = `${path}.cut.exr`;
    await tool('oiiotool', [path, '--cut', `${region.width}x${region.height}+${region.x}+${region.y}`, '-o', cut]);
    return decodeExr(cut).finally(() => rm(cut, { force: true }));
  }
  const info = await oiioInfo(path);
  const size = /:\s+(\d+) x\s+(\d+),/.exec(info);
  const list = /channel list: (.*)/.exec(info);
  if (!size || !list) throw new Error(`oiiotool did not describe ${path}:\n${info}`);
  const [width, height] = [Number(size[1]), Number(size[2])];
  const names = list[1].split(',').map((n) => n.trim());
  const channels = new Map(names.map((n) => [n, new Float32Array(width * height)]));
  for (const match of (await tool('oiiotool', ['--dumpdata', path])).matchAll(/Pixel \((\d+), (\d+)\): (.*)/g)) {
    const p = Number(match[2]) * width + Number(match[1]);
    match[3]
      .trim()
      .split(/\s+/)
      .forEach((v, c) => (channels.get(names[c])![p] = Number(v)));
  }
  return { width, height, channels };
}

/** One channel as OpenImageIO converts it to 8 bits (nearest), written as a grey PNG. */
export async function exrChannelToPng(path: string, channel: string, png: string): Promise<void> {
  await tool('oiiotool', [path, '--ch', channel, '-d', 'uint8', '-o', png]);
}
