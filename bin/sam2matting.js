#!/usr/bin/env node
// The sam2matting command: runs the CLI built by `npm run build:cli` (plain JavaScript; no TypeScript loader at run time).
import { existsSync } from 'node:fs';

const built = new URL('../out/cli/sam2matting.js', import.meta.url);
if (!existsSync(built)) {
  console.error('sam2matting: the command line is not built yet. Run `npm run build` (or `npm run build:cli`) in the project folder first.');
  process.exit(1);
}
const { main } = await import(built.href);
process.exitCode = await main(process.argv.slice(2));
