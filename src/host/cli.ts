/** `npm run host`: the Studio in a browser, served from this machine (see README). */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { defaultAutosaveDir } from '../main/project/autosave';
import { defaultWorkDir } from '../main/project/work-folder';
import { StudioService } from '../main/services/studio-service';
import { startHost } from './server';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '0' },
    renderer: { type: 'string', default: fileURLToPath(new URL('../../out/renderer', import.meta.url)) },
    models: { type: 'string' },
    autosave: { type: 'string', default: defaultAutosaveDir() },
    'work-dir': { type: 'string', default: defaultWorkDir() },
  },
});

let service: StudioService | undefined;
const host = await startHost({
  rendererDir: values.renderer,
  port: Number(values.port),
  createApi: (emit) => (service = new StudioService({ emit, modelsDir: values.models, autosaveDir: values.autosave, workDir: values['work-dir'] })),
});
console.log(`SAM2Matting Studio is running. Open this link in a browser on this machine:\n  ${host.url}`);
const stop = () => {
  // Closing writes the last autosave of unsaved work, so nothing is lost to Ctrl+C.
  void Promise.all([service?.close(), host.close()]).finally(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
