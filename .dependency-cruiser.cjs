/**
 * The layer rules: which part of src may import which. `npm run lint:layers` checks them (and `npm test`
 * runs it first); src/testing/layers.test.ts shows each rule failing on a wrong-way import.
 *
 *   src/shared      the contract and pure code both processes use (shared/common): imports only itself
 *   src/renderer    the UI in a browser page: reaches main only through the typed API in src/shared
 *   src/main        engine (the method) over models over inference (every ONNX session); project and media under
 *                   services; cli and host on top
 *
 * The rules inside src/main guard the code that ships: tests and test helpers (*.test.ts, testing/ folders)
 * may wire layers together (a service test on the engine, the demo clip from src/cli in a service test).
 * The rules on src/shared and src/renderer hold for their tests too.
 */

/** Tests and test helpers: `*.test.ts(x)` anywhere, and any `testing/` folder (src/testing, src/main/models/testing...). */
const TEST_CODE = ['\\.test\\.tsx?$', '(^|/)testing/'];

/** Not the project's own files: npm packages and Node's built-ins (imports tsc cannot resolve fail tsc already). */
const OUTSIDE_PROJECT = { pathNot: '(^|/)node_modules/', dependencyTypesNot: ['core'], couldNotResolve: false };

module.exports = {
  forbidden: [
    {
      name: 'shared-imports-only-shared',
      comment:
        'src/shared is what main, renderer, host and CLI all import: the API contract, the engine contract and pure code ' +
        '(shared/common). It imports nothing of the project outside src/shared. Move pure code both sides need into ' +
        'src/shared/common rather than reaching out.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { ...OUTSIDE_PROJECT, pathNot: [OUTSIDE_PROJECT.pathNot, '^src/shared/'] },
    },
    {
      name: 'renderer-imports-only-shared-and-renderer',
      comment:
        'The renderer runs in a browser page (Electron or the browser host) and talks to main only through the typed ' +
        'API (src/shared/api.ts): it imports src/renderer and src/shared, nothing of src/main, src/host or src/cli. ' +
        'Pure code it shares with main belongs in src/shared/common.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { ...OUTSIDE_PROJECT, pathNot: [OUTSIDE_PROJECT.pathNot, '^src/(renderer|shared)/'] },
    },
    {
      name: 'engine-not-to-app-or-ui-contract',
      comment:
        'The engine (tracker, bridge, matting heads) is the method, under the app: it never imports the services, ' +
        'the renderer, the host or the CLI, nor the UI contract src/shared/api.ts. What it reports (EngineInfo, ' +
        'HeadInfo, FrameStat) lives in src/shared/engine-info.ts; cancellation in src/shared/common/abort.ts.',
      severity: 'error',
      from: { path: '^src/main/engine/', pathNot: TEST_CODE },
      to: { path: ['^src/main/services/', '^src/(renderer|host|cli)/', '^src/shared/api\\.ts$'] },
    },
    {
      name: 'inference-imports-only-shared',
      comment:
        'src/main/inference owns every ONNX Runtime session: opening a module on the execution providers with fallback ' +
        'reasons, the module runners (in process, in a worker thread) and the worker itself. It is the bottom of main: ' +
        'it imports src/shared (and onnxruntime, Node), nothing else of the project, so the worker loads no engine or ' +
        'service code. Models (to check a file loads), the engine and the services open sessions through it.',
      severity: 'error',
      from: { path: '^src/main/inference/', pathNot: TEST_CODE },
      to: { ...OUTSIDE_PROJECT, pathNot: [OUTSIDE_PROJECT.pathNot, '^src/(shared|main/inference)/'] },
    },
    {
      name: 'onnxruntime-only-in-inference',
      comment:
        'Every ONNX session opens in src/main/inference (sessions.ts), on the manifest\'s providers and, in the app, ' +
        'through the model manager\'s pins: no other shipped code imports onnxruntime. Run a model through a ' +
        'ModuleRunner instead (ModelService.openRunner in the app). Tests may open raw sessions to check graphs.',
      severity: 'error',
      from: { path: '^src/', pathNot: [...TEST_CODE, '^src/main/inference/'] },
      to: { path: '(^|/)onnxruntime-(node|common)(/|$)' },
    },
    {
      name: 'models-not-to-engine',
      comment:
        'src/main/models (manifest, pins, downloads, checkpoint reader, model checks) is under the engine: the engine ' +
        'loads models, never the other way round. Specs both need (the SAM2 constants graph) live in models.',
      severity: 'error',
      from: { path: '^src/main/models/', pathNot: TEST_CODE },
      to: { path: '^src/main/engine/' },
    },
    {
      name: 'project-not-to-services',
      comment:
        'src/main/project (project file, save, autosave, relink) is under the services that use it: it never imports ' +
        'src/main/services. Checks both need (validate-prompts) live in src/shared.',
      severity: 'error',
      from: { path: '^src/main/project/', pathNot: TEST_CODE },
      to: { path: '^src/main/services/' },
    },
    {
      name: 'main-not-to-cli-or-host',
      comment: 'The CLI and the browser host are front ends over src/main, like the Electron shell: main never imports them.',
      severity: 'error',
      from: { path: '^src/main/', pathNot: TEST_CODE },
      to: { path: '^src/(cli|host)/' },
    },
    {
      name: 'not-to-e2e-or-scripts',
      comment:
        'e2e (the Playwright tests) and scripts (benchmarks, evaluation, data) are leaves: nothing in src imports ' +
        'them. Tests and test helpers may import test helpers from there.',
      severity: 'error',
      from: { path: '^src/', pathNot: TEST_CODE },
      to: { path: '^(e2e|scripts)/' },
    },
  ],
  options: {
    // Type-only imports count: the engine must not even name a type of the UI contract.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    skipAnalysisNotInRules: true,
  },
};
