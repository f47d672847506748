/** SMPTE timecode for a frame index, counted from the source's start timecode. */
import type { Rational } from '../../shared/media';

interface TimecodeBase {
  /** Whole frames per second the timecode counts (30 for 29.97). */
  nominal: number;
  /** Frame numbers dropped each minute but every tenth (0 when not drop-frame). */
  drop: number;
}

/** Drop-frame applies to NTSC rates; the source's separator (';') decides when it carries one. */
function baseFor(fps: Rational, start: string | null): TimecodeBase {
  const nominal = Math.max(1, Math.round(fps.num / fps.den));
  const ntsc = fps.den === 1001 && nominal % 30 === 0;
  const dropFrame = start === null ? ntsc : start.includes(';') && ntsc;
  return { nominal, drop: dropFrame ? nominal / 15 : 0 };
}

/** "HH:MM:SS:FF" (or ';' before FF in drop-frame) → frames since 00:00:00:00. */
function framesFromTimecode(tc: string, base: TimecodeBase): number {
  const parts = tc.split(/[:;.]/).map(Number);
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) return 0;
  const [h, m, s, f] = parts;
  const minutes = h * 60 + m;
  return (minutes * 60 + s) * base.nominal + f - base.drop * (minutes - Math.floor(minutes / 10));
}

function timecodeFromFrames(frames: number, base: TimecodeBase): string {
  let n = frames;
  if (base.drop > 0) {
    const perTenMinutes = base.nominal * 600 - base.drop * 9;
    const perMinute = base.nominal * 60 - base.drop;
    const tens = Math.floor(n / perTenMinutes);
    const rest = n % perTenMinutes;
    n += base.drop * 9 * tens + (rest > base.drop ? base.drop * Math.floor((rest - base.drop) / perMinute) : 0);
  }
  const ff = n % base.nominal;
  const totalSeconds = Math.floor(n / base.nominal);
  const pad = (v: number) => String(v).padStart(2, '0');
  const hh = Math.floor(totalSeconds / 3600) % 24;
  const mm = Math.floor(totalSeconds / 60) % 60;
  const ss = totalSeconds % 60;
  return `${pad(hh)}:${pad(mm)}:${pad(ss)}${base.drop > 0 ? ';' : ':'}${pad(ff)}`;
}

export function formatTimecode(frame: number, fps: Rational, start: string | null): string {
  const base = baseFor(fps, start);
  const origin = start === null ? 0 : framesFromTimecode(start, base);
  return timecodeFromFrames(origin + frame, base);
}
