/**
 * `npm run data`: fetches the public evaluation sets into SAM2M_DATA (default ../shared/data) from their
 * original sources, the ones ../shared/data/README.md names (SAM2's repository; the alphamatting.com
 * training set as re-hosted byte for byte; DAVIS 2016 blackswan), and checks every file against
 * scripts/data/SHA256SUMS. Files already there with the right checksum are kept, so it also verifies a copy.
 * The synthetic sets and two re-encodes were made for this project and have no public source: they
 * come with the team's shared folder.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { EXIT, failure, parseCommandLine, wantsHelp } from '../src/cli/command-line';
import { createProgress } from '../src/cli/render/progress';
import { repoRoot, sharedDataDir, sharedDataProblem } from '../src/testing/paths';

const SAM2 = 'https://raw.githubusercontent.com/facebookresearch/sam2/2b90b9f5ceec907a1c18123530e92e794ad901a4/';
const ALPHAMATTING = 'https://raw.githubusercontent.com/ADG4050/Bayesian-Matting-Implementation/9fa39337edf19f64bd2909a78ec358e255b9c77d/Image%20Dataset/';
const DAVIS = 'https://raw.githubusercontent.com/MathLee/EOR-VOS/1bde4d5f936304c5ad69e301956e9d65082dfbc8/DAVIS/';

/** Local path prefix → URL prefix; the rest of the path follows both. */
const SOURCES: ReadonlyArray<readonly [string, string]> = [
  ['bedroom/frames/', `${SAM2}notebooks/videos/bedroom/`],
  ['bedroom/bedroom.mp4', `${SAM2}notebooks/videos/bedroom.mp4`],
  ['clips/', `${SAM2}demo/data/gallery/`],
  ['images/', `${SAM2}notebooks/images/`],
  ['alphamatting/image/', `${ALPHAMATTING}input_training_lowres/`],
  ['alphamatting/trimap/', `${ALPHAMATTING}trimap_training_lowres/Trimap1/`],
  ['alphamatting/trimap2/', `${ALPHAMATTING}trimap_training_lowres/Trimap2/`],
  ['alphamatting/alpha/', `${ALPHAMATTING}gt_training_lowres/`],
  ['davis/blackswan/JPEGImages/', `${DAVIS}JPEGImages/480p/blackswan/`],
  ['davis/blackswan/Annotations/', `${DAVIS}Annotations/480p/blackswan/`],
];

const PARALLEL = 4;

const USAGE = `Usage: npm run data
  Fetches the public evaluation sets into SAM2M_DATA (now ${sharedDataDir}) from their original sources
  and checks every file against scripts/data/SHA256SUMS; files already there and right are kept.
  Exit codes: 0 done, 1 a file could not be fetched or is not the one listed, 2 a wrong command line.`;

interface Entry {
  sha256: string;
  path: string;
  url: string | null;
}

function sourceUrl(path: string): string | null {
  const source = SOURCES.find(([prefix]) => path.startsWith(prefix));
  return source ? source[1] + encodeURI(path.slice(source[0].length)) : null;
}

async function readSums(): Promise<Entry[]> {
  const text = await readFile(join(repoRoot, 'scripts/data/SHA256SUMS'), 'utf8');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [sha256, path] = line.split(/\s+/, 2);
      return { sha256, path, url: sourceUrl(path) };
    });
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function hasFile(entry: Entry): Promise<boolean> {
  const bytes = await readFile(join(sharedDataDir, entry.path)).catch(() => null);
  return bytes !== null && sha256(bytes) === entry.sha256;
}

/** Downloads one file beside its place, checks it, then moves it in. */
async function fetchFile({ sha256: expected, path, url }: Entry & { url: string }): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  } catch (err) {
    const { cause } = err as Error & { cause?: { code?: string; message?: string } };
    const why = cause?.code ?? cause?.message ?? (err as Error).message;
    throw new Error(`cannot reach ${new URL(url).host} (${why}): it needs internet access. Without it, point SAM2M_DATA at a copy of the data.`);
  }
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}.`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  const got = sha256(bytes);
  if (got !== expected) throw new Error(`${url} is not the file SHA256SUMS lists for ${path} (sha256 ${got}, expected ${expected}).`);
  const target = join(sharedDataDir, path);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(`${target}.part`, bytes);
  await rename(`${target}.part`, target);
}

async function fetchData(): Promise<void> {
  const entries = await readSums();
  const wanted: Array<Entry & { url: string }> = [];
  const unsourced: Entry[] = [];
  for (const entry of entries) {
    if (await hasFile(entry)) continue;
    if (entry.url) wanted.push({ ...entry, url: entry.url });
    else unsourced.push(entry);
  }
  console.log(`Evaluation data in ${sharedDataDir}: ${entries.length - wanted.length - unsourced.length} of ${entries.length} files there and checked; ${wanted.length} to fetch.`);
  const progress = createProgress(process.stdout, 'Fetching');
  let done = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < wanted.length) {
        await fetchFile(wanted[next++]);
        progress.update(++done, wanted.length);
      }
    }),
  );
  progress.finish();
  if (unsourced.length) {
    const perSet = new Map<string, number>();
    for (const { path } of unsourced) perSet.set(path.split('/')[0], (perSet.get(path.split('/')[0]) ?? 0) + 1);
    const sets = [...perSet].map(([set, files]) => `${set} (${files})`).join(', ');
    console.log(`Not fetched: files of ${sets}, made for this project with no public source; they come with the team's shared folder.`);
  }
  const problem = sharedDataProblem();
  console.log(problem ? `The tests that read the data stay skipped: ${problem}.` : 'Every set the tests read is there.');
}

async function main(argv: string[]): Promise<number> {
  if (wantsHelp(argv)) {
    console.log(USAGE);
    return EXIT.ok;
  }
  try {
    parseCommandLine({ args: argv, options: {} });
    await fetchData();
    return EXIT.ok;
  } catch (err) {
    const { code, line } = failure('npm run data', 'npm run data -- --help', err);
    console.error(line);
    return code;
  }
}

process.exitCode = await main(process.argv.slice(2));
