/**
 * Joins ProRes chunks rendered with --range (on one machine or several) into one .mov. The picture
 * is stream-copied, bit for bit (ffmpeg's concat demuxer, each chunk cut at its own frames' span);
 * the audio is decoded, cut to each chunk's frames and written as 24-bit PCM, since the chunks'
 * copied AAC overlaps at every join. Chunks must match (codec, size, rate) and, where they carry
 * timecode, follow one another frame for frame; the joined file starts at the first's timecode.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describeExport, type ExportFacts } from '../../main/media/describe-export';
import { ffmpegPath, reasonAbout, runTool } from '../../main/media/ffmpeg';
import { stageFile } from '../../main/media/staged-output';
import { parseRational } from '../../shared/common/rational';
import { timecodeToFrames } from '../../shared/common/timecode';

export interface Chunk {
  path: string;
  facts: ExportFacts;
}

/** Why these chunks cannot form one sequence, or null when they can. */
export function joinProblem(chunks: Chunk[]): string | null {
  const [first] = chunks;
  for (const { path, facts } of chunks) {
    if (facts.codec !== 'prores') return `${path} is ${facts.codec}, not a ProRes chunk of a render.`;
    const differs = (['profile', 'pixelFormat', 'width', 'height', 'fps'] as const).find((key) => facts[key] !== first.facts[key]);
    if (differs) return `${path} has ${differs} ${facts[differs]}, but ${first.path} has ${first.facts[differs]}.`;
    if ((facts.audioCodec === null) !== (first.facts.audioCodec === null)) return `${path} and ${first.path} differ in having audio.`;
    if (facts.frameCount < 1) return `${path} holds no frames.`;
  }
  const fps = parseRational(first.facts.fps);
  if (!fps) return `${first.path} has no usable frame rate (${first.facts.fps}).`;
  if (chunks.some((c) => c.facts.timecode === null)) return null;
  const start = (c: Chunk) => timecodeToFrames(c.facts.timecode!, fps);
  /** The first chunk that does not start where the one before it ends (index), or -1. */
  const firstGap = (order: Chunk[]) => order.findIndex((c, i) => i > 0 && start(c) !== start(order[i - 1]) + order[i - 1].facts.frameCount);
  const gap = firstGap(chunks);
  if (gap < 0) return null;
  const byTimecode = [...chunks].sort((a, b) => start(a) - start(b));
  if (firstGap(byTimecode) < 0) return `the chunks are out of order; in this order they join: ${byTimecode.map((c) => c.path).join(' ')}`;
  const [before, after] = [chunks[gap - 1], chunks[gap]];
  const [expected, actual] = [start(before) + before.facts.frameCount, start(after)];
  const missing = actual > expected ? `${actual - expected} frames are missing` : `${expected - actual} frames overlap`;
  return `${after.path} (timecode ${after.facts.timecode}) does not follow ${before.path}: ${missing}.`;
}

/** Seconds of a chunk's frames, as the concat demuxer reads them (microseconds). */
function chunkSeconds(chunk: Chunk): string {
  const fps = parseRational(chunk.facts.fps)!;
  return ((chunk.facts.frameCount * fps.den) / fps.num).toFixed(6);
}

/** The concat demuxer's list: each chunk from its first frame to its last; single quotes escaped the way it reads them. */
export function concatList(chunks: Chunk[]): string {
  return chunks.map((c) => `file '${c.path.replaceAll("'", "'\\''")}'\ninpoint 0\noutpoint ${chunkSeconds(c)}\n`).join('');
}

/** Each chunk's audio (inputs 1..n) cut to its frames, then one after the other. */
function audioJoin(chunks: Chunk[]): string {
  const cuts = chunks.map((c, i) => `[${i + 1}:a]atrim=start=0:duration=${chunkSeconds(c)},asetpts=PTS-STARTPTS[a${i}]`);
  return `${cuts.join(';')};${chunks.map((_, i) => `[a${i}]`).join('')}concat=n=${chunks.length}:v=0:a=1[audio]`;
}

export async function joinChunks(inputs: string[], out: string): Promise<ExportFacts> {
  const chunks: Chunk[] = [];
  for (const input of inputs) {
    const path = resolve(input);
    const facts = await describeExport(path).catch((err: Error) => {
      throw new Error(`Cannot join ${path}: ${reasonAbout(path, err)}`);
    });
    chunks.push({ path, facts });
  }
  const problem = joinProblem(chunks);
  if (problem) throw new Error(`Cannot join: ${problem}`);
  const target = resolve(out);
  if (chunks.some((c) => c.path === target)) throw new Error(`Cannot join into ${target}: it is one of the chunks.`);
  const listDir = await mkdtemp(join(tmpdir(), 'sam2m-join-'));
  try {
    const listPath = join(listDir, 'chunks.txt');
    await writeFile(listPath, concatList(chunks));
    return await concatInto(target, listPath, chunks);
  } finally {
    await rm(listDir, { recursive: true, force: true });
  }
}

/** Stream copy into a staged file, checked frame for frame before it takes the target's place. */
async function concatInto(target: string, listPath: string, chunks: Chunk[]): Promise<ExportFacts> {
  const staged = await stageFile(target);
  try {
    const { timecode, audioCodec, colorPrimaries, colorTransfer, colorSpace } = chunks[0].facts;
    const audioInputs = audioCodec ? chunks.flatMap((c) => ['-i', c.path]) : [];
    const audio = audioCodec ? ['-filter_complex', audioJoin(chunks), '-map', '[audio]', '-c:a', 'pcm_s24le'] : [];
    // Stream copy drops the colour tags; they are set again as the chunks have them.
    const colour = (flag: string, value: string | null) => (value ? [flag, value] : []);
    await runTool(ffmpegPath, [
      '-v',
      'error',
      '-nostdin',
      '-y',
      // The chunks' own timestamps, as the list cuts them: without -copyts ffmpeg shifts the picture by the audio's lead-in.
      '-copyts',
      '-f',
      'concat',
      '-safe',
      '0',
      '-i',
      listPath,
      ...audioInputs,
      '-map',
      '0:v',
      '-c:v',
      'copy',
      ...audio,
      ...(timecode ? ['-timecode', timecode] : []),
      ...colour('-color_primaries', colorPrimaries),
      ...colour('-color_trc', colorTransfer),
      ...colour('-colorspace', colorSpace),
      '-movflags',
      '+write_colr',
      '-f',
      'mov',
      staged.path,
    ]);
    const joined = await describeExport(staged.path);
    const expected = chunks.reduce((sum, c) => sum + c.facts.frameCount, 0);
    if (joined.frameCount !== expected) throw new Error(`Joining wrote ${joined.frameCount} frames, expected ${expected}.`);
    await staged.commit();
    return joined;
  } catch (err) {
    await staged.discard();
    throw err;
  }
}
