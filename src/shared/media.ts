/** Media facts and pixel containers shared by the main process, the host and the renderer. */

/** A frame rate or time base kept exact (30000/1001 must survive a round trip). */
export interface Rational {
  num: number;
  den: number;
}

export type MediaKind = 'video' | 'image' | 'sequence';

export interface MediaInfo {
  /** Absolute path of the file, or of the first image of a sequence. */
  path: string;
  kind: MediaKind;
  width: number;
  height: number;
  fps: Rational;
  frameCount: number;
  /** Seconds. */
  duration: number;
  /** SMPTE timecode of the first frame, e.g. "01:00:00:00", when the source carries one. */
  timecode: string | null;
  hasAudio: boolean;
  videoCodec: string;
  /** Pattern given to ffmpeg for image sequences (printf style), else null. */
  sequencePattern: string | null;
  /** Start number of an image sequence. */
  sequenceStart: number;
}

/** Interleaved 8-bit RGBA, row-major, no padding. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** One 8-bit channel (mask probability, alpha or trimap), row-major. */
export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}
