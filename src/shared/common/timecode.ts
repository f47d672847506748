/**
 * SMPTE timecode arithmetic. Drop-frame (';' before the frames) skips frame labels 00 and 01
 * (00-03 at 60 fps) at the start of every minute except every tenth, so that 29.97 fps timecode
 * keeps up with the clock.
 */
import type { Rational } from '../media';

interface TimecodeFormat {
  /** Frames per timecode second: the frame rate rounded (30 for 30000/1001). */
  nominal: number;
  /** Labels skipped per minute: 0 for non-drop-frame. */
  dropPerMinute: number;
}

const PATTERN = /^(\d{2}):(\d{2}):(\d{2})([:;])(\d{2,3})$/;

function formatOf(fps: Rational, dropFrame: boolean): TimecodeFormat {
  const nominal = Math.round(fps.num / fps.den);
  if (!(nominal >= 1)) throw new RangeError(`No timecode at ${fps.num}/${fps.den} fps`);
  if (!dropFrame) return { nominal, dropPerMinute: 0 };
  if (nominal !== 30 && nominal !== 60) throw new RangeError(`Drop-frame timecode needs 30000/1001 or 60000/1001 fps, not ${fps.num}/${fps.den}`);
  return { nominal, dropPerMinute: nominal / 15 };
}

/** Frames in a day of timecode, where it wraps. */
function framesPerDay({ nominal, dropPerMinute }: TimecodeFormat): number {
  return 24 * 6 * (nominal * 600 - dropPerMinute * 9);
}

export function isDropFrame(timecode: string): boolean {
  return timecode.includes(';');
}

export interface TimecodeFields {
  hours: number;
  minutes: number;
  seconds: number;
  frames: number;
  dropFrame: boolean;
}

/** The fields of a label as written; throws when it is not HH:MM:SS:FF or HH:MM:SS;FF (the values are not checked here). */
export function timecodeFields(timecode: string): TimecodeFields {
  const match = PATTERN.exec(timecode.trim());
  if (!match) throw new RangeError(`"${timecode}" is not a timecode (HH:MM:SS:FF or HH:MM:SS;FF)`);
  const [hours, minutes, seconds, frames] = [match[1], match[2], match[3], match[5]].map(Number);
  return { hours, minutes, seconds, frames, dropFrame: match[4] === ';' };
}

/** Frames since 00:00:00:00 of a timecode at a rate; throws on a malformed or impossible label. */
export function timecodeToFrames(timecode: string, fps: Rational): number {
  const { hours, minutes, seconds, frames, dropFrame } = timecodeFields(timecode);
  const format = formatOf(fps, dropFrame);
  const { nominal, dropPerMinute } = format;
  const skippedLabel = dropPerMinute > 0 && seconds === 0 && minutes % 10 !== 0 && frames < dropPerMinute;
  if (hours > 23 || minutes > 59 || seconds > 59 || frames >= nominal || skippedLabel) {
    throw new RangeError(`"${timecode}" is not a valid timecode at ${fps.num}/${fps.den} fps`);
  }
  const totalMinutes = hours * 60 + minutes;
  const labels = (totalMinutes * 60 + seconds) * nominal + frames;
  return labels - dropPerMinute * (totalMinutes - Math.floor(totalMinutes / 10));
}

/** The timecode of a frame number (wrapping at 24 hours, negative counts from the end of the day). */
export function framesToTimecode(frameNumber: number, fps: Rational, dropFrame: boolean): string {
  const format = formatOf(fps, dropFrame);
  const { nominal, dropPerMinute } = format;
  const day = framesPerDay(format);
  let labels = ((Math.round(frameNumber) % day) + day) % day;
  if (dropPerMinute > 0) {
    const per10Minutes = nominal * 600 - dropPerMinute * 9;
    const perMinute = nominal * 60 - dropPerMinute;
    const tens = Math.floor(labels / per10Minutes);
    const rest = labels % per10Minutes;
    // The first minute of each ten keeps all its labels; each later one skips dropPerMinute.
    const droppedInTen = rest < dropPerMinute ? 0 : dropPerMinute * Math.floor((rest - dropPerMinute) / perMinute);
    labels += dropPerMinute * 9 * tens + droppedInTen;
  }
  const frames = labels % nominal;
  const totalSeconds = Math.floor(labels / nominal);
  const pad = (n: number) => String(n).padStart(2, '0');
  const hms = `${pad(Math.floor(totalSeconds / 3600))}:${pad(Math.floor(totalSeconds / 60) % 60)}:${pad(totalSeconds % 60)}`;
  return `${hms}${dropFrame ? ';' : ':'}${pad(frames)}`;
}

/** A timecode moved by a number of frames, keeping its drop-frame style. */
export function addFrames(timecode: string, frames: number, fps: Rational): string {
  return framesToTimecode(timecodeToFrames(timecode, fps) + frames, fps, isDropFrame(timecode));
}
