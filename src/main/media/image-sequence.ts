/** Numbered image files (shot_0001.png, 12.exr) grouped into the contiguous run ffmpeg's image2 reader takes. */

const IMAGE_EXTENSIONS = new Set(['.png', '.jpg', '.jpeg', '.tif', '.tiff', '.exr', '.dpx', '.bmp', '.webp', '.tga']);

export interface ImageSequence {
  /** File name up to the number, e.g. "shot_". */
  prefix: string;
  /** Digits the number is zero-padded to; 0 when it is not padded. */
  padding: number;
  /** File name after the number, with its extension, e.g. ".png". */
  suffix: string;
  start: number;
  count: number;
}

interface NumberedName {
  prefix: string;
  digits: string;
  suffix: string;
}

function isImageFileName(name: string): boolean {
  const dot = name.lastIndexOf('.');
  return dot > 0 && IMAGE_EXTENSIONS.has(name.slice(dot).toLowerCase());
}

/** The last run of digits before the extension: "take2_0010.png" → "take2_", "0010", ".png". */
function parseNumberedName(name: string): NumberedName | null {
  if (!isImageFileName(name)) return null;
  const match = /^(.*?)(\d+)(\.[^.]+)$/.exec(name);
  return match ? { prefix: match[1], digits: match[2], suffix: match[3] } : null;
}

export function sequenceFileName(sequence: Pick<ImageSequence, 'prefix' | 'padding' | 'suffix'>, frameNumber: number): string {
  return `${sequence.prefix}${String(frameNumber).padStart(sequence.padding, '0')}${sequence.suffix}`;
}

/** The printf-style file name pattern ffmpeg's image2 reader wants ('%' in names doubled). */
export function sequencePattern(sequence: Pick<ImageSequence, 'prefix' | 'padding' | 'suffix'>): string {
  const escape = (text: string) => text.replaceAll('%', '%%');
  return `${escape(sequence.prefix)}%${sequence.padding ? `0${sequence.padding}` : ''}d${escape(sequence.suffix)}`;
}

/** The contiguous run of files around `name` (as ffmpeg reads: it stops at the first gap). */
function runAround(name: NumberedName, padding: number, files: ReadonlySet<string>): ImageSequence {
  const shape = { prefix: name.prefix, padding, suffix: name.suffix };
  const number = Number(name.digits);
  let start = number;
  while (start > 0 && files.has(sequenceFileName(shape, start - 1))) start--;
  let end = number;
  while (files.has(sequenceFileName(shape, end + 1))) end++;
  return { ...shape, start, count: end - start + 1 };
}

/**
 * The sequence a numbered file belongs to. Leading zeros fix the padding; without them
 * ("1000.png") the name fits both padded and unpadded numbering, so the longer run wins.
 */
export function sequenceAround(fileName: string, folderFiles: Iterable<string>): ImageSequence | null {
  const name = parseNumberedName(fileName);
  if (!name) return null;
  const files = new Set(folderFiles);
  const paddings = name.digits.startsWith('0') && name.digits.length > 1 ? [name.digits.length] : [name.digits.length, 0];
  return paddings.map((padding) => runAround(name, padding, files)).reduce((best, run) => (run.count > best.count ? run : best));
}

/** The longest sequence in a folder (the first in name order on a tie), starting where its run starts. */
export function longestSequence(folderFiles: Iterable<string>): ImageSequence | null {
  const files = [...folderFiles].sort();
  const covered = new Set<string>();
  let best: ImageSequence | null = null;
  for (const file of files) {
    if (covered.has(file)) continue;
    const run = sequenceAround(file, files);
    if (!run) continue;
    for (let n = run.start; n < run.start + run.count; n++) covered.add(sequenceFileName(run, n));
    if (!best || run.count > best.count) best = run;
  }
  return best;
}
