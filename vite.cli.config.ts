import { builtinModules } from 'node:module';
import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import packageJson from './package.json' with { type: 'json' };

// Packages stay outside the bundle: native bindings (onnxruntime-node) and the ffmpeg binaries resolve at run time.
const packages = [...Object.keys(packageJson.dependencies), ...Object.keys(packageJson.devDependencies)];
const external = (id: string): boolean => id.startsWith('node:') || builtinModules.includes(id) || packages.some((name) => id === name || id.startsWith(`${name}/`));

/** The command line as plain JavaScript in out/cli/, so `sam2matting` runs without tsx (`npm run build:cli`). */
export default defineConfig({
  build: {
    ssr: true,
    outDir: resolve(import.meta.dirname, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    rollupOptions: {
      input: {
        sam2matting: resolve(import.meta.dirname, 'src/cli/sam2matting.ts'),
        // Beside the entry, where WorkerRunner looks for it.
        'inference-worker': resolve(import.meta.dirname, 'src/main/inference/inference-worker.ts'),
      },
      external,
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
