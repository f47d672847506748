#!/usr/bin/env node
// The sam2matting command: runs the TypeScript entry through tsx's loader, so `npx sam2matting` works in the repo.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/sam2matting.ts');
process.exitCode = await main(process.argv.slice(2));
