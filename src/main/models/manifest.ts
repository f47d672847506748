/** Where the manifest and the downloaded models live, and loading the manifest. */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelManifest } from '../../shared/models';
import { parseManifest } from './manifest-schema';
import { ModelError } from '../../shared/model-error';

export const MODELS_DIR_ENV = 'SAM2M_MODELS_DIR';
/** Same folder name Electron derives from package.json, so the app and the CLI share one models folder. */
const APP_FOLDER = 'sam2matting-studio';
const MANIFEST_IN_REPO = join('resources', 'models', 'manifest.json');

/**
 * The shipped manifest: the nearest resources/models/manifest.json above this module (from source
 * src/main/models, from a build out/main, inside app.asar), else beside a packaged app's resources.
 */
export function defaultManifestPath(): string {
  const candidates = ancestors(dirname(fileURLToPath(import.meta.url))).map((dir) => join(dir, MANIFEST_IN_REPO));
  // Electron sets resourcesPath when packaged; extra resources are copied there as models/.
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(join(resourcesPath, 'models', 'manifest.json'));
  const found = candidates.find((path) => existsSync(path));
  if (!found) throw new ModelError('manifest', `No model manifest found; looked for:\n  ${candidates.join('\n  ')}`);
  return found;
}

function ancestors(dir: string): string[] {
  const parent = dirname(dir);
  return parent === dir ? [dir] : [dir, ...ancestors(parent)];
}

export async function loadManifest(path: string = defaultManifestPath()): Promise<ModelManifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    throw new ModelError('manifest', `Cannot read the model manifest ${path}: ${(err as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new ModelError('manifest', `The model manifest ${path} is not valid JSON: ${(err as Error).message}`);
  }
  return parseManifest(json, path);
}

/** The models folder: the parameter, else $SAM2M_MODELS_DIR, else the per-user app data folder. */
export function resolveModelsDir(override?: string): string {
  return resolve(override || process.env[MODELS_DIR_ENV] || defaultModelsDir());
}

/** Per-user data folder by platform convention (models are large data, not settings). */
export function defaultModelsDir(platform: NodeJS.Platform = process.platform, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
  const base =
    platform === 'win32'
      ? env.APPDATA || join(home, 'AppData', 'Roaming')
      : platform === 'darwin'
        ? join(home, 'Library', 'Application Support')
        : env.XDG_DATA_HOME || join(home, '.local', 'share');
  return join(base, APP_FOLDER, 'models');
}

/** Each model keeps its module files in a folder named after its id. */
export function modelDir(modelsDir: string, modelId: string): string {
  return join(modelsDir, modelId);
}
