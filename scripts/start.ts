/**
 * `npm start`: the built desktop app (electron-vite preview), or, where Electron's binary was never
 * downloaded (npm run setup skips it), what to run instead.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);

/** The Electron binary's path, or null: the package throws when its install script never ran. */
function electronBinary(): string | null {
  try {
    const path = require('electron') as string;
    return existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

if (!electronBinary()) {
  console.error(`npm start needs Electron's binary, and it is not installed (npm run setup skips the download).
  Get it (internet needed):  node node_modules/electron/install.js
  then:                      npm run build && npm start
  Or, without Electron:      npm run host     (the same Studio in a browser)`);
  process.exit(1);
}
const cli = join(dirname(require.resolve('electron-vite/package.json')), 'bin/electron-vite.js');
const preview = spawn(process.execPath, [cli, 'preview', ...process.argv.slice(2)], { stdio: 'inherit' });
preview.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)));
