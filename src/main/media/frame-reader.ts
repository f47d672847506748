/**
 * Full-resolution RGBA frames of probed media, frame-accurate in any order. Reading forward
 * streams from one long-lived ffmpeg; a jump seeks near the frame (input -ss) in a new one.
 */
import { abortError } from '../../shared/common/abort';
import { LruCache } from '../../shared/common/lru-cache';
import { proxySize } from '../../shared/common/proxy-size';
import { formatRational } from '../../shared/common/rational';
import type { FrameSource } from '../../shared/engine';
import type { MediaInfo, RgbaImage } from '../../shared/media';
import { ffmpegPath, MediaError } from './ffmpeg';
import { sourceDetails, type SourceDetails } from './probe';
import { ToolProcess } from './tool-process';

export interface FrameReaderOptions {
  /** Bytes of decoded frames kept for re-reads; 512 MiB when omitted. */
  cacheBytes?: number;
  /** A jump ahead of at most this many frames reads on through the open decoder rather than seeking. */
  readAheadFrames?: number;
  /** Frames scaled by ffmpeg as it decodes to this width, the aspect ratio kept (proxies for a viewer); the source width when omitted. */
  width?: number;
}

interface Decoder {
  process: ToolProcess;
  /** The frame its next read returns. */
  next: number;
}

const DEFAULT_CACHE_BYTES = 512 * 1024 * 1024;
const DEFAULT_READ_AHEAD_FRAMES = 8;

export class FrameReader implements FrameSource {
  readonly width: number;
  readonly height: number;
  readonly frameCount: number;
  private readonly cache: LruCache<number, RgbaImage>;
  private readonly readAheadFrames: number;
  private readonly details: Promise<SourceDetails>;
  private decoder: Decoder | null = null;
  /** Decoding is one frame at a time; every request waits its turn here. */
  private queue: Promise<unknown> = Promise.resolve();
  private closed = false;
  private starts = 0;

  constructor(
    readonly info: MediaInfo,
    options: FrameReaderOptions = {},
  ) {
    ({ width: this.width, height: this.height } = options.width ? proxySize(info, options.width) : info);
    this.frameCount = info.frameCount;
    this.cache = new LruCache(options.cacheBytes ?? DEFAULT_CACHE_BYTES, (image) => image.data.byteLength);
    this.readAheadFrames = options.readAheadFrames ?? DEFAULT_READ_AHEAD_FRAMES;
    this.details = sourceDetails(info);
    this.details.catch(() => {}); // reported by the first getFrame
  }

  /** A frame; the image is shared with the cache, so treat it as read-only. */
  getFrame(index: number, signal?: AbortSignal): Promise<RgbaImage> {
    if (!Number.isInteger(index) || index < 0 || index >= this.frameCount) {
      return Promise.reject(new RangeError(`Frame ${index} is out of range: ${this.info.path} has frames 0 to ${this.frameCount - 1}`));
    }
    if (this.closed) return Promise.reject(new Error(`The frame reader of ${this.info.path} is closed`));
    if (signal?.aborted) return Promise.reject(abortError());
    const cached = this.cache.get(index);
    if (cached) return Promise.resolve(cached);
    const job = this.queue.then(() => this.decodeFrame(index, signal));
    this.queue = job.catch(() => {});
    return untilAborted(job, signal);
  }

  /** How many ffmpeg decoders this reader has started: one per seek, not one per frame. */
  get decodersStarted(): number {
    return this.starts;
  }

  /** Stops the decoder and drops the cache; later reads fail. */
  close(): void {
    this.closed = true;
    this.stopDecoder();
    this.cache.clear();
  }

  private async decodeFrame(index: number, signal?: AbortSignal): Promise<RgbaImage> {
    if (this.closed) throw new Error(`The frame reader of ${this.info.path} is closed`);
    if (signal?.aborted) throw abortError(); // its caller has gone; skip the work
    const cached = this.cache.get(index); // an earlier request in the queue may have decoded it
    if (cached) return cached;
    const details = await this.details;
    const decoder = this.canReadOnTo(index, details) ? this.decoder! : this.startDecoder(index, details);
    for (;;) {
      const frame = await this.readNext(decoder, signal);
      if (frame.index === index) return frame.image;
      if (signal?.aborted) throw abortError();
    }
  }

  private canReadOnTo(index: number, details: SourceDetails): boolean {
    const decoder = this.decoder;
    if (!decoder || index < decoder.next) return false;
    if (index - decoder.next <= this.readAheadFrames) return true;
    // A seek restarts at the last keyframe before the frame; when that is behind the open decoder it saves nothing.
    return details.keyframes !== 'all' && lastKeyframeAtOrBefore(details.keyframes, index) <= decoder.next;
  }

  private startDecoder(index: number, details: SourceDetails): Decoder {
    this.stopDecoder();
    const process = new ToolProcess(ffmpegPath, decoderArgs(this.info, details, index, this), `Cannot decode ${this.info.path}`);
    this.decoder = { process, next: index };
    this.starts++;
    return this.decoder;
  }

  private stopDecoder(): void {
    this.decoder?.process.kill();
    this.decoder = null;
  }

  private async readNext(decoder: Decoder, signal?: AbortSignal): Promise<{ index: number; image: RgbaImage }> {
    const bytes = this.width * this.height * 4;
    const data = await decoder.process.read(bytes, signal).catch((err: unknown) => {
      if (this.decoder === decoder) this.decoder = null; // a failed or aborted read leaves the stream unusable
      throw err;
    });
    if (!data) {
      this.decoder = null;
      throw new MediaError(`Cannot decode ${this.info.path}: frame ${decoder.next} is missing (the stream ended there)`);
    }
    const image: RgbaImage = { width: this.width, height: this.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
    const index = decoder.next++;
    this.cache.set(index, image);
    return { index, image };
  }
}

/** The job's outcome, or an AbortError as soon as the signal aborts (the job itself carries on or is skipped). */
function untilAborted<T>(job: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return job;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError());
    signal.addEventListener('abort', onAbort, { once: true });
    job.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function lastKeyframeAtOrBefore(keyframes: number[], index: number): number {
  let low = 0;
  let high = keyframes.length - 1;
  let found = 0;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (keyframes[middle] <= index) {
      found = keyframes[middle];
      low = middle + 1;
    } else high = middle - 1;
  }
  return found;
}

/** ffmpeg arguments that write raw RGBA frames of `size` to stdout from frame `start` on. */
function decoderArgs(info: MediaInfo, details: SourceDetails, start: number, size: { width: number; height: number }): string[] {
  const input =
    info.kind === 'sequence'
      ? ['-framerate', formatRational(info.fps), '-start_number', String(info.sequenceStart + start), '-i', info.sequencePattern ?? info.path]
      : [...seekArgs(details, start), '-i', info.path];
  // The matrix must be set on the filter that converts to RGBA; ffmpeg's automatic conversion assumes BT.601.
  const resize = size.width === info.width && size.height === info.height ? [] : [`w=${size.width}`, `h=${size.height}`, 'flags=area'];
  const colour = details.yuv ? [`in_color_matrix=${details.yuv.matrix}`, `in_range=${details.yuv.fullRange ? 'pc' : 'tv'}`] : [];
  const scale = [...resize, ...colour];
  const filter = scale.length ? ['-vf', `scale=${scale.join(':')},format=rgba`] : [];
  // passthrough: every decoded frame once, no frame-rate conversion dropping or doubling any.
  return ['-v', 'error', '-nostdin', ...input, '-map', `0:${details.streamIndex}`, '-vsync', 'passthrough', ...filter, '-f', 'rawvideo', '-pix_fmt', 'rgba', 'pipe:1'];
}

/**
 * Input -ss decodes from the keyframe before the time and drops frames before it. Seeking to
 * halfway between the previous frame and the wanted one makes that exact whatever the rounding.
 */
function seekArgs(details: SourceDetails, start: number): string[] {
  if (start === 0) return [];
  const [previous, wanted] = [details.frameTimes[start - 1], details.frameTimes[start]];
  return ['-ss', ((previous + wanted) / 2).toFixed(6)];
}
