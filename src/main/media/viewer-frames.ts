/**
 * A source's frames for a viewer: at a proxy width (ffmpeg scales as it decodes, in a decoder of its
 * own) when the width asked is one, else the source frame, shrunk in JS (thumbnails) when asked.
 */
import { proxyWidths } from '../../shared/common/proxy-size';
import { downscaleRgba } from '../../shared/common/resize';
import type { RgbaImage } from '../../shared/media';
import { FrameReader } from './frame-reader';

/** Bytes of decoded frames each proxy keeps: about 128 frames of a 960x540 proxy. */
const PROXY_CACHE_BYTES = 256 * 1024 * 1024;

export class ViewerFrames {
  private readonly proxies = new Map<number, FrameReader>();

  constructor(private readonly source: FrameReader) {}

  /** Frame `index` at most maxWidth wide (the aspect ratio kept), or at the source width without it. */
  getFrame(index: number, maxWidth?: number): Promise<RgbaImage> {
    const { source } = this;
    if (!maxWidth || maxWidth >= source.width) return source.getFrame(index);
    if (!proxyWidths(source.width).includes(maxWidth)) return source.getFrame(index).then((frame) => downscaleRgba(frame, maxWidth));
    let proxy = this.proxies.get(maxWidth);
    if (!proxy) this.proxies.set(maxWidth, (proxy = new FrameReader(source.info, { width: maxWidth, cacheBytes: PROXY_CACHE_BYTES })));
    return proxy.getFrame(index);
  }

  /** Stops the proxies' decoders (the source reader is its owner's to close). */
  close(): void {
    for (const proxy of this.proxies.values()) proxy.close();
    this.proxies.clear();
  }
}
