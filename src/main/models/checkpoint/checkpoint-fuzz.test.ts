/**
 * Untrusted checkpoints (issue 12, item 7): over 1,000 damaged and hostile copies of the SAM2Matting
 * twin, seeded, made and read in memory (nothing is written to disk). Each must fail with a clear error,
 * or, where the damage may be harmless, read what the original holds, in bounded time and memory.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { headTensorShapes, readSam2MattingHeads } from './sam2matting-heads';
import { badCheckpoints, withDamage, type BadCheckpoint } from '../../../testing/fuzz/bad-checkpoints';
import { unclearFailure } from '../../../testing/fuzz/judge';
import { seededRandom } from '../../../testing/fuzz/random';
import { sharedFile, SHARED_DATA_TAG } from '../../../testing/paths';
import { readCheckpointTensors } from './torch-checkpoint';
import { trackerFingerprint } from './tracker-fingerprint';

const SEED = 20261212;
/** Cases of each random kind (cuts; twice as many central directory and fixed-CRC pickle flips; ...). */
const COUNT = 150;
/** Every this many cases, the whole heads and the tracker fingerprint are read too, not only the sample. */
const FULL_EVERY = 40;
const MAX_CASE_MS = 10_000;
const MAX_RSS_GROWTH = 1.5 * 2 ** 30;

/** The small head tensors (biases, BatchNorm, 1×1 convolutions) and one 3×3 convolution: what each case reads. */
const SAMPLE = [...headTensorShapes()].filter(([, dims]) => dims.reduce((a, b) => a * b, 1) <= 20_000).map(([name]) => name);

/** A digest of what the reader gave. */
async function read(bytes: Uint8Array, full: boolean): Promise<string> {
  const source = { name: 'twin.pt', bytes };
  const hash = createHash('sha256');
  for (const [name, tensor] of await readCheckpointTensors(source, SAMPLE)) hash.update(`${name}${tensor.dims}`).update(tensor.data);
  if (full) {
    const heads = await readSam2MattingHeads(source);
    for (const conv of Object.values(heads).flat()) hash.update(conv.weight.data).update(conv.bias);
    hash.update(await trackerFingerprint(source));
  }
  return hash.digest('hex');
}

/** Why the reader's answer to the case is wrong, or null. */
function problem(bad: BadCheckpoint, good: string, result: { digest: string } | { error: unknown }): string | null {
  if ('digest' in result) {
    if (bad.outcome === 'fails') return 'read without an error';
    return (bad.outcome === 'same' || bad.outcome === 'fails-or-same') && result.digest !== good ? 'read other values without an error' : null;
  }
  if (bad.outcome === 'same') return `failed: ${(result.error as Error).message}`;
  const unclear = unclearFailure(result.error);
  if (unclear) return unclear;
  const { message } = result.error as Error;
  return bad.message && !bad.message.test(message) ? `said "${message}", not ${bad.message}` : null;
}

describe('checkpoint reader fuzz', { tags: [SHARED_DATA_TAG] }, () => {
  it('fails clearly or reads right on every damaged or hostile copy of the twin, in bounded time and memory', async () => {
    const original = new Uint8Array(await readFile(sharedFile('sam2matting-heads-twin', 'sam2matting_twin.pt')));
    const originalSha = createHash('sha256').update(original).digest('hex');
    const goodSample = await read(original, false);
    const goodFull = await read(original, true);
    const cases = await badCheckpoints(original, SAMPLE, seededRandom(SEED), COUNT);
    expect(cases.length).toBeGreaterThanOrEqual(1000);

    const started = performance.now();
    const rss = process.memoryUsage().rss;
    let slowest = 0;
    let maxRss = rss;
    const problems: string[] = [];
    const tally = { failed: 0, same: 0, other: 0 };
    for (const [i, bad] of cases.entries()) {
      const full = i % FULL_EVERY === 0;
      const t = performance.now();
      const result = await withDamage(original, bad.damage, (bytes) => read(bytes, full)).then(
        (digest) => ({ digest }),
        (error: unknown) => ({ error }),
      );
      slowest = Math.max(slowest, performance.now() - t);
      maxRss = Math.max(maxRss, process.memoryUsage().rss);
      const why = problem(bad, full ? goodFull : goodSample, result);
      if (why) problems.push(`${bad.name}: ${why}`);
      if ('error' in result) tally.failed++;
      else if (result.digest === (full ? goodFull : goodSample)) tally.same++;
      else tally.other++;
    }
    const seconds = (performance.now() - started) / 1000;
    console.log(`${cases.length} cases in ${seconds.toFixed(1)} s (slowest ${slowest.toFixed(0)} ms, RSS +${((maxRss - rss) / 2 ** 20).toFixed(0)} MB): ${JSON.stringify(tally)}`);

    expect(problems).toEqual([]);
    expect(slowest).toBeLessThan(MAX_CASE_MS);
    expect(maxRss - rss).toBeLessThan(MAX_RSS_GROWTH);
    // Every flipped byte was put back.
    expect(createHash('sha256').update(original).digest('hex')).toBe(originalSha);
  }, 180_000);
});
