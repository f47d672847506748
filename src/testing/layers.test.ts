/**
 * The layer rules of .dependency-cruiser.cjs (`npm run lint:layers`): the real src keeps them, and each one
 * fails on a wrong-way import in a small fixture tree, through dependency-cruiser's own API and config.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { cruise, type ICruiseOptions, type ICruiseResult } from 'dependency-cruiser';
import extractDepcruiseOptions from 'dependency-cruiser/config-utl/extract-depcruise-options';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from './paths';

/** Cruises `baseDir`/src: each violation as "rule: from → to", sorted (a failure names the imports to fix), and the modules read. */
async function cruiseSrc(baseDir: string, options: ICruiseOptions): Promise<{ violations: string[]; modules: number }> {
  const transpile = { tsConfig: extractTSConfig(join(repoRoot, 'tsconfig.json')) };
  const { summary } = (await cruise(['src'], { ...options, baseDir }, {}, transpile)).output as ICruiseResult;
  return { violations: summary.violations.map((v) => `${v.rule.name}: ${v.from} → ${v.to}`).sort(), modules: summary.totalCruised };
}

/** One wrong-way import per rule, and imports the rules allow beside them. */
const FIXTURE: Record<string, string> = {
  // targets
  'src/shared/api.ts': 'export interface Api { ok: boolean }\n',
  'src/shared/engine.ts': 'export interface Rect { x: number }\n',
  'src/main/media/thing.ts': 'export const thing = 1;\n',
  'src/main/inference/runner.ts':
    "import { InferenceSession } from 'onnxruntime-node';\nimport type { Rect } from '../../shared/engine';\nexport const runner = (r: Rect) => [r, InferenceSession];\n",
  'src/main/engine/tracker.ts': "import type { Rect } from '../../shared/engine';\nexport const tracker = (r: Rect) => r;\n",
  'src/main/services/service.ts': "import { tracker } from '../engine/tracker';\nexport const service = tracker;\n",
  'src/cli/command.ts': "import { service } from '../main/services/service';\nexport const command = service;\n",
  'scripts/bench.ts': 'export const bench = 1;\n',
  'e2e/studio-page.ts': 'export const page = 1;\n',
  // wrong way, one per rule
  'src/renderer/wrong.ts': "import { thing } from '../main/media/thing';\nexport const wrong = thing;\n",
  'src/shared/wrong.ts': "import { thing } from '../main/media/thing';\nexport const wrong = thing;\n",
  // a type-only import counts too
  'src/main/engine/wrong.ts': "import type { Api } from '../../shared/api';\nexport const wrong = (a: Api) => a;\n",
  'src/main/engine/session.ts': "import { InferenceSession } from 'onnxruntime-node';\nexport const session = InferenceSession;\n",
  'src/main/inference/wrong.ts': "import { thing } from '../media/thing';\nexport const wrong = thing;\n",
  'src/main/models/wrong.ts': "import { tracker } from '../engine/tracker';\nexport const wrong = tracker;\n",
  'src/main/project/wrong.ts': "import { service } from '../services/service';\nexport const wrong = service;\n",
  'src/main/services/wrong.ts': "import { command } from '../../cli/command';\nexport const wrong = command;\n",
  'src/cli/wrong.ts': "import { bench } from '../../scripts/bench';\nexport const wrong = bench;\n",
  // allowed
  'src/renderer/ok.ts': "import { join } from 'node:path';\nimport type { Api } from '../shared/api';\nexport const ok = (a: Api) => join(`${a.ok}`);\n",
  'src/main/models/ok.ts': "import { runner } from '../inference/runner';\nexport const ok = runner;\n",
  'src/main/engine/ok.test.ts': "import { service } from '../services/service';\nexport const ok = service;\n",
  'src/testing/ok.ts': "import { page } from '../../e2e/studio-page';\nexport const ok = page;\n",
};

describe('layer rules (.dependency-cruiser.cjs)', () => {
  let options: ICruiseOptions;
  let fixture: string;

  beforeAll(async () => {
    options = await extractDepcruiseOptions(join(repoRoot, '.dependency-cruiser.cjs'));
    fixture = await mkdtemp(join(tmpdir(), 'sam2m-layers-'));
    for (const [path, text] of Object.entries(FIXTURE)) {
      await mkdir(dirname(join(fixture, path)), { recursive: true });
      await writeFile(join(fixture, path), text);
    }
  });
  afterAll(async () => {
    if (fixture) await rm(fixture, { recursive: true, force: true });
  });

  it('src keeps every rule', async () => {
    const { violations, modules } = await cruiseSrc(repoRoot, options);
    expect(violations).toEqual([]);
    expect(modules).toBeGreaterThan(300); // it did read the source tree
  });

  it('each rule fails on a wrong-way import, and only there', async () => {
    expect((await cruiseSrc(fixture, options)).violations).toEqual([
      'engine-not-to-app-or-ui-contract: src/main/engine/wrong.ts → src/shared/api.ts',
      'inference-imports-only-shared: src/main/inference/wrong.ts → src/main/media/thing.ts',
      'main-not-to-cli-or-host: src/main/services/wrong.ts → src/cli/command.ts',
      'models-not-to-engine: src/main/models/wrong.ts → src/main/engine/tracker.ts',
      'not-to-e2e-or-scripts: src/cli/wrong.ts → scripts/bench.ts',
      'onnxruntime-only-in-inference: src/main/engine/session.ts → onnxruntime-node',
      'project-not-to-services: src/main/project/wrong.ts → src/main/services/service.ts',
      'renderer-imports-only-shared-and-renderer: src/renderer/wrong.ts → src/main/media/thing.ts',
      'shared-imports-only-shared: src/shared/wrong.ts → src/main/media/thing.ts',
    ]);
  });
});
