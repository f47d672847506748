/** Exact frame rates: ffprobe's "30000/1001" strings in, reduced fractions out. */
import type { Rational } from '../media';

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** "30000/1001" or "25" as a reduced fraction; null for "0/0", negatives and junk. */
export function parseRational(text: string | undefined): Rational | null {
  const match = /^(\d+)(?:\/(\d+))?$/.exec(text?.trim() ?? '');
  if (!match) return null;
  const num = Number(match[1]);
  const den = match[2] === undefined ? 1 : Number(match[2]);
  if (!num || !den) return null;
  const divisor = gcd(num, den);
  return { num: num / divisor, den: den / divisor };
}

export function formatRational({ num, den }: Rational): string {
  return `${num}/${den}`;
}

/** Seconds taken by a number of frames. */
export function framesToSeconds(frames: number, fps: Rational): number {
  return (frames * fps.den) / fps.num;
}

/** num/den reduced, the sign on the numerator. */
export function rational(num: number, den: number): Rational {
  if (!Number.isSafeInteger(num) || !Number.isSafeInteger(den) || den === 0) throw new RangeError(`${num}/${den} is not an exact fraction`);
  const divisor = gcd(Math.abs(num), Math.abs(den)) * Math.sign(den);
  return { num: num / divisor + 0, den: den / divisor }; // + 0: zero is 0/1, never -0/1
}

export function addRationals(a: Rational, b: Rational): Rational {
  return rational(a.num * b.den + b.num * a.den, a.den * b.den);
}

export function multiplyRationals(a: Rational, b: Rational): Rational {
  return rational(a.num * b.num, a.den * b.den);
}

export function rationalValue({ num, den }: Rational): number {
  return num / den;
}
