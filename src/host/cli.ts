/** `npm run host`: the Studio in a browser, served from this machine (see README). */
import { fileURLToPath } from 'node:url';
import { COMMON_HELP, EXIT, failure, parseCommandLine, takeVerbose, wantsHelp } from '../cli/command-line';
import { defaultAutosaveDir } from '../main/project/autosave';
import { defaultWorkDir } from '../main/project/work-folder';
import { StudioService } from '../main/services/studio-service';
import { startHost } from './server';

const USAGE = `Usage: npm run host -- [--port N] [--models DIR] [--autosave DIR] [--work-dir DIR] [--renderer DIR] [--verbose]
  Serves the built Studio on 127.0.0.1 (port N; any free one by default) and prints the link to open.
  --models: the models folder (default SAM2M_MODELS_DIR, else the app's); --autosave: where unsaved work
  is kept; --work-dir: where saves and exports go by default until a project has its own folder
  (default ${defaultWorkDir()}); --renderer: the built renderer (default out/renderer).
${COMMON_HELP}`;

const argv = takeVerbose(process.argv.slice(2));
if (wantsHelp(argv)) {
  console.log(USAGE);
  process.exit(EXIT.ok);
}
const { values } = (() => {
  try {
    return parseCommandLine({
      args: argv,
      options: {
        port: { type: 'string', default: '0' },
        renderer: { type: 'string', default: fileURLToPath(new URL('../../out/renderer', import.meta.url)) },
        models: { type: 'string' },
        autosave: { type: 'string', default: defaultAutosaveDir() },
        'work-dir': { type: 'string', default: defaultWorkDir() },
      },
    });
  } catch (err) {
    const { code, line } = failure('host', 'npm run host -- --help', err);
    console.error(line);
    process.exit(code);
  }
})();

let service: StudioService | undefined;
const host = await startHost({
  rendererDir: values.renderer,
  port: Number(values.port),
  createApi: (emit) => (service = new StudioService({ emit, modelsDir: values.models, autosaveDir: values.autosave, workDir: values['work-dir'] })),
});
console.log(`SAM2Matting Studio is running. Open this link in a browser on this machine:\n  ${host.url}`);
const stop = () => {
  // Closing writes the last autosave of unsaved work, so nothing is lost to Ctrl+C.
  void Promise.all([service?.close(), host.close()]).finally(() => process.exit(EXIT.cancelled));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
